import { Body, Controller, Param, Post, Put, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/roles.decorator';
import { Ctx } from '../../http/request-context.decorator';
import type { RequestContext } from '../../write/request-context';
import { ApiCommand } from '../shared/api-docs';
import { InitiativeCommands } from '../shared/initiative-commands';
import { AddBuildingBlockDto, ArrangeTechnologyDto, CommitContributionDto, DefineKpiDto, DraftCovenantDto, SignCovenantDto } from './co-design.dto';

const PM = 'programme-manager of the regisseur, admin';
const PM_OR_MEMBER = 'programme-manager of the regisseur, partner-member for its own partner, admin';

/** Phase 3, gezamenlijke aanpak: building blocks, contributions, joint KPIs, the covenant. */
@ApiTags('initiatives: co-design')
@Controller('api/initiatives/:id')
export class CoDesignController {
  constructor(private readonly commands: InitiativeCommands) {}

  @Post('building-blocks')
  @Roles('programme-manager', 'partner-member')
  @ApiCommand({
    summary: 'Add a building block of the approach',
    description: 'Answers the new block id.',
    status: 201,
    roles: PM_OR_MEMBER,
    phases: 'co-design',
  })
  buildingBlock(@Param('id') id: string, @Body() dto: AddBuildingBlockDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, {
      type: 'AddBuildingBlock',
      initiativeId: id,
      ctx,
      status: 201,
      fields: ({ newId }) => ({ blockId: newId(), partnerId: dto.partnerId, description: dto.description }),
      answer: (command) => command.blockId,
    });
  }

  @Post('contributions')
  @Roles('programme-manager', 'partner-member')
  @ApiCommand({
    summary: 'Commit a contribution',
    description: 'Answers the new contribution id.',
    status: 201,
    roles: PM_OR_MEMBER,
    phases: 'co-design, pilot, integrate',
  })
  contribution(@Param('id') id: string, @Body() dto: CommitContributionDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, {
      type: 'CommitContribution',
      initiativeId: id,
      ctx,
      status: 201,
      fields: ({ newId }) => ({
        contributionId: newId(),
        partnerId: dto.partnerId,
        description: dto.description,
        ...(dto.hoursPerMonth !== undefined && { hoursPerMonth: dto.hoursPerMonth }),
      }),
      answer: (command) => command.contributionId,
    });
  }

  @Post('kpis')
  @Roles('programme-manager')
  @ApiCommand({
    summary: 'Define a joint KPI',
    description: 'Tied to one desired effect and one owner partner. Answers the new KPI id.',
    status: 201,
    roles: PM,
    phases: 'co-design',
  })
  kpi(@Param('id') id: string, @Body() dto: DefineKpiDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, {
      type: 'DefineKpi',
      initiativeId: id,
      ctx,
      status: 201,
      fields: ({ newId }) => ({
        kpiId: newId(),
        name: dto.name,
        effectId: dto.effectId,
        ownerPartnerId: dto.ownerPartnerId,
        unit: dto.unit,
        direction: dto.direction,
        baseline: dto.baseline,
        target: dto.target,
        targetDate: dto.targetDate,
        frequency: dto.frequency,
      }),
      answer: (command) => command.kpiId,
    });
  }

  @Put('covenant')
  @Roles('programme-manager')
  @ApiCommand({
    summary: 'Draft a new covenant version',
    description: 'Each call drafts the next version (answered as `version`); signatures of earlier versions do not carry over.',
    status: 200,
    roles: PM,
    phases: 'co-design and later',
  })
  covenant(@Param('id') id: string, @Body() dto: DraftCovenantDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    // The decider numbers versions on from the loaded state (current + 1); the answer reports that
    // number, read from the very state this attempt decided on.
    let version: number | undefined;
    return this.commands.send(reply, {
      type: 'DraftCovenant',
      initiativeId: id,
      ctx,
      fields: ({ state }) => {
        version = (state?.covenant?.version ?? 0) + 1;
        return { purposes: dto.purposes, dataCategories: dto.dataCategories, legalBasis: dto.legalBasis, retentionMonths: dto.retentionMonths };
      },
      answer: () => version,
    });
  }

  @Post('covenant/signatures')
  @Roles('programme-manager', 'partner-member')
  @ApiCommand({ summary: 'Sign the current covenant version for a partner', status: 200, roles: PM_OR_MEMBER, phases: 'co-design and later' })
  sign(@Param('id') id: string, @Body() dto: SignCovenantDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, { type: 'SignCovenant', initiativeId: id, ctx, fields: () => ({ partnerId: dto.partnerId, version: dto.version }) });
  }

  @Post('technology')
  @Roles('programme-manager')
  @ApiCommand({ summary: 'Arrange technology support', status: 200, roles: PM, phases: 'co-design' })
  technology(@Param('id') id: string, @Body() dto: ArrangeTechnologyDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, { type: 'ArrangeTechnology', initiativeId: id, ctx, fields: () => ({ description: dto.description }) });
  }
}
