import { Module } from '@nestjs/common';
import { PartnersController } from './partners.controller';
import { RegisterPartnerHandler } from './register-partner.handler';

@Module({ controllers: [PartnersController], providers: [RegisterPartnerHandler] })
export class PartnersModule {}
