/**
 * Baseline (a) of the commands bench: a bare NestJS app on the same Fastify adapter as Regie, one
 * POST route that does one durable better-sqlite3 insert per request (WAL, synchronous=FULL) and
 * answers 201. PORT and DB from the environment; prints "listening" when ready.
 */
import 'reflect-metadata';
import Database from 'better-sqlite3';
import { Body, Controller, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

const db = new Database(process.env.DB);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS facts (id INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL, data TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO facts (stream, data) VALUES (?, ?)');

@Controller()
class InsertController {
  @Post('/api/initiatives/:id/kpis/:kpiId/measurements')
  @HttpCode(201)
  record(@Param('id') id: string, @Body() body: unknown) {
    const { lastInsertRowid } = insert.run(id, JSON.stringify(body));
    return { position: Number(lastInsertRowid) };
  }
}

@Module({ controllers: [InsertController] })
class BaselineModule {}

const main = async () => {
  const app = await NestFactory.create<NestFastifyApplication>(BaselineModule, new FastifyAdapter(), { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  process.stdout.write('listening\n');
};
void main();
