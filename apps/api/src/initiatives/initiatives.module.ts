import { Module } from '@nestjs/common';
import { CoDesignController } from './co-design/co-design.controller';
import { DefineController } from './define/define.controller';
import { ExploreController } from './explore/explore.controller';
import { IntegrateController } from './integrate/integrate.controller';
import { MeasurementsController } from './measurements/measurements.controller';
import { MeasurementsUpload } from './measurements/measurements-upload';
import { InitiativePartnersController } from './partners/initiative-partners.controller';
import { PhaseMovesController } from './phase-moves/phase-moves.controller';
import { PilotController } from './pilot/pilot.controller';
import { InitiativeQueriesController } from './queries/initiative-queries.controller';
import { ReviewsController } from './reviews/reviews.controller';
import { InitiativeCommands } from './shared/initiative-commands';
import { PartnerLookup } from './shared/partner-lookup';
import { RunInitiativeCommandHandler } from './shared/run-initiative-command.handler';
import { StartInitiativeController } from './start/start-initiative.controller';

/** Every initiative command of api.md, phase by phase, and the write-model reads of one initiative. */
@Module({
  controllers: [
    StartInitiativeController,
    InitiativePartnersController,
    ExploreController,
    DefineController,
    CoDesignController,
    PilotController,
    MeasurementsController,
    IntegrateController,
    ReviewsController,
    PhaseMovesController,
    InitiativeQueriesController,
  ],
  providers: [InitiativeCommands, PartnerLookup, MeasurementsUpload, RunInitiativeCommandHandler],
})
export class InitiativesModule {}
