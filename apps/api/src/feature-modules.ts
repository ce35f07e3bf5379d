import type { Type } from '@nestjs/common';
import { PartnersModule } from './partners/partners.module';
import { InitiativesModule } from './initiatives/initiatives.module';
import { ExportsModule } from './exports/exports.module';
import { ReadSideModule } from './projections/read-side.module';
import { HistoryModule } from './history/history.module';
import { WebModule } from './web/web.module';
import { AccessLogModule } from './access-log/access-log.module';
import { ErasureModule } from './erasure/erasure.module';

/** The API's feature modules, one per area of the contract. */
export const featureModules: Type[] = [
  PartnersModule,
  ExportsModule,
  InitiativesModule,
  ReadSideModule,
  HistoryModule,
  WebModule,
  AccessLogModule,
  ErasureModule,
];
