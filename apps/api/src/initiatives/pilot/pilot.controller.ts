import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/roles.decorator';
import { Ctx } from '../../http/request-context.decorator';
import type { RequestContext } from '../../write/request-context';
import { ApiCommand } from '../shared/api-docs';
import { InitiativeCommands } from '../shared/initiative-commands';
import { requireInPath } from '../shared/path-refs';
import { EvaluatePilotDto, RecordLessonDto, RecordPilotCaseDto, ReviseKpiTargetDto, StartPilotDto } from './pilot.dto';

const PM = 'programme-manager of the regisseur, admin';
const PM_OR_MEMBER = 'programme-manager of the regisseur, partner-member, admin';

/** Phase 4, experimenteren en leren: a pilot, its cases and lessons, its evaluation. */
@ApiTags('initiatives: pilot')
@Controller('api/initiatives/:id')
export class PilotController {
  constructor(private readonly commands: InitiativeCommands) {}

  @Post('pilot')
  @Roles('programme-manager')
  @ApiCommand({ summary: 'Start the pilot', status: 200, roles: PM, phases: 'pilot' })
  start(@Param('id') id: string, @Body() dto: StartPilotDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, {
      type: 'StartPilot',
      initiativeId: id,
      ctx,
      fields: () => ({ scope: dto.scope, startsOn: dto.startsOn, endsOn: dto.endsOn }),
    });
  }

  @Post('pilot/cases')
  @Roles('programme-manager', 'partner-member')
  @ApiCommand({
    summary: 'Record a pilot case',
    description: 'An anonymous case reference and what was learned. Answers the new case id.',
    status: 201,
    roles: PM_OR_MEMBER,
    phases: 'pilot, after the pilot started',
  })
  recordCase(@Param('id') id: string, @Body() dto: RecordPilotCaseDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, {
      type: 'RecordPilotCase',
      initiativeId: id,
      ctx,
      status: 201,
      fields: ({ newId }) => ({ caseId: newId(), caseRef: dto.caseRef, partnerIds: dto.partnerIds, learning: dto.learning }),
      answer: (command) => command.caseId,
    });
  }

  @Post('lessons')
  @Roles('programme-manager', 'partner-member')
  @ApiCommand({ summary: 'Record a lesson', description: 'Answers the new lesson id.', status: 201, roles: PM_OR_MEMBER, phases: 'pilot, integrate' })
  lesson(@Param('id') id: string, @Body() dto: RecordLessonDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, {
      type: 'RecordLesson',
      initiativeId: id,
      ctx,
      status: 201,
      fields: ({ newId }) => ({ lessonId: newId(), lesson: dto.lesson }),
      answer: (command) => command.lessonId,
    });
  }

  @Post('pilot/evaluation')
  @Roles('programme-manager')
  @ApiCommand({
    summary: 'Evaluate the pilot',
    description: '`successful` opens the gate to integrate; `unsuccessful` allows a return to co-design.',
    status: 200,
    roles: PM,
    phases: 'pilot, once per pilot',
  })
  evaluate(@Param('id') id: string, @Body() dto: EvaluatePilotDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, { type: 'EvaluatePilot', initiativeId: id, ctx, fields: () => ({ outcome: dto.outcome, rationale: dto.rationale }) });
  }

  @Post('kpis/:kpiId/target-revisions')
  @Roles('programme-manager')
  @ApiCommand({
    summary: "Revise a KPI's target",
    description: 'Its own dated event, keeping the previous target.',
    status: 200,
    roles: PM,
    phases: 'pilot and later',
  })
  reviseTarget(
    @Param('id') id: string,
    @Param('kpiId') kpiId: string,
    @Body() dto: ReviseKpiTargetDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.send(reply, {
      type: 'ReviseKpiTarget',
      initiativeId: id,
      ctx,
      fields: ({ state }) => {
        requireInPath(state, 'KPI', kpiId);
        return { kpiId, target: dto.target, ...(dto.targetDate !== undefined && { targetDate: dto.targetDate }), reason: dto.reason };
      },
    });
  }
}
