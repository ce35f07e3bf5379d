import { Module } from '@nestjs/common';
import { HistoryModule } from '../history/history.module';
import { InitiativeCommands } from '../initiatives/shared/initiative-commands';
import { ReadSideModule } from '../projections/read-side.module';
import { ErasedCopies } from './erased-copies';
import { ErasureController } from './erasure.controller';
import { Erasures } from './erasures';
import { RetentionSweep } from './retention-sweep';

/** Retention by covenant: free text erased by destroying its data keys, on an admin's command or by the sweep. */
@Module({
  imports: [HistoryModule, ReadSideModule],
  controllers: [ErasureController],
  providers: [InitiativeCommands, Erasures, ErasedCopies, RetentionSweep],
  exports: [RetentionSweep],
})
export class ErasureModule {}
