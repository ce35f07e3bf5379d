import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/roles.decorator';
import { webAppIndex } from './web-app-files';

/**
 * The web app's pages: each is index.html, whose script reads the path. Listed one by one rather
 * than as a catch-all, so an unknown path still answers the API's 404 problem document.
 */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller()
export class WebAppController {
  @Get([
    '/',
    'sign-in',
    'sign-in/callback',
    'initiatives/:id',
    'initiatives/:id/reviews',
    'initiatives/:id/measurements',
    'initiatives/:id/pack',
    'initiatives/:id/access-log',
  ])
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  page(): string {
    return webAppIndex();
  }
}
