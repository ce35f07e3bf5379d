import { Global, Module } from '@nestjs/common';
import { IdempotencyStore } from './idempotency.store';
import { InitiativeAccess } from './initiative-access';
import { InitiativeCommandLoop } from './initiative-command-loop';
import { InitiativeRepository } from './initiative.repository';
import { PartnerRegistration } from './partner-registration';
import { PartnerRepository } from './partner.repository';

/**
 * The write side: load → decide → append, shared by every command route. It answers in outcomes;
 * the CommandBus handlers beside the routes (initiatives/, partners/) turn them into HTTP answers.
 */
@Global()
@Module({
  providers: [InitiativeRepository, PartnerRepository, IdempotencyStore, InitiativeCommandLoop, InitiativeAccess, PartnerRegistration],
  exports: [InitiativeRepository, PartnerRepository, IdempotencyStore, InitiativeCommandLoop, InitiativeAccess, PartnerRegistration],
})
export class WriteModule {}
