import { Module } from '@nestjs/common';
import { WebAppController } from './web-app.controller';
import { WebSessionController } from './web-session.controller';

/** The web app: its pages, and what it needs to know before sign-in. Its data comes from /api. */
@Module({ controllers: [WebSessionController, WebAppController] })
export class WebModule {}
