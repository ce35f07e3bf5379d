import { PartnersModule } from './partners/partners.module';

/** The API's feature modules, one per area of the contract. */
export const featureModules: any[] = [PartnersModule];
