import { Global, Module } from '@nestjs/common';
import { IdempotencyStore } from './idempotency.store';
import { InitiativeRepository } from './initiative.repository';
import { PartnerRepository } from './partner.repository';
import { RegisterPartnerHandler } from './register-partner.command';
import { RunInitiativeCommandHandler } from './run-initiative-command';

/** The write side: load → decide → append, shared by every command route. */
@Global()
@Module({
  providers: [InitiativeRepository, PartnerRepository, IdempotencyStore, RunInitiativeCommandHandler, RegisterPartnerHandler],
  exports: [InitiativeRepository, PartnerRepository, IdempotencyStore],
})
export class WriteModule {}
