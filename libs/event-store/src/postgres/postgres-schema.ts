/** The events table and the append function, created at start-up (see PostgresEventStore for why the append is one call). */

/** The channel every append NOTIFYs on commit; subscribers LISTEN on it. */
export const POSTGRES_EVENTS_CHANNEL = 'regie_events';

/**
 * Advisory lock keys (bigint, scoped to the database by PostgreSQL itself). The values are
 * arbitrary constants; they only must not collide with other advisory locks in the same database.
 */
const APPEND_LOCK_KEY = '7365020110010001'; // held for the length of each append transaction
export const SCHEMA_LOCK_KEY = '7365020110010002'; // held while creating the schema at start-up

/**
 * data and metadata are `json`, not `jsonb`: `json` keeps the exact text it was given (jsonb
 * rewrites numbers and rejects "\u0000" in strings), so what is read back is what was hashed.
 * event_id is text like in the sqlite store (ids are uuids by convention, not by type).
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id    text        NOT NULL,
  stream      text        NOT NULL,
  revision    bigint      NOT NULL CHECK (revision >= 0),
  type        text        NOT NULL,
  data        json        NOT NULL,
  metadata    json        NOT NULL,
  hash        text        NOT NULL,
  recorded_at timestamptz NOT NULL,
  CONSTRAINT events_event_id_key UNIQUE (event_id),
  CONSTRAINT events_stream_revision_key UNIQUE (stream, revision)
);
-- The whole append, run inside the database in one call: see PostgresEventStore.
CREATE OR REPLACE FUNCTION regie_append_events(
  p_stream text, p_head_revision bigint, p_head_hash text,
  p_ids text[], p_types text[], p_data text[], p_metadata text[], p_hashes text[],
  OUT moved boolean, OUT head_revision bigint, OUT head_hash text, OUT last_position bigint)
LANGUAGE plpgsql VOLATILE AS $fn$
#variable_conflict use_column
BEGIN
  -- A snapshot taken before the lock wait would miss the append that held the lock before us.
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'regie_append_events needs READ COMMITTED, not %', current_setting('transaction_isolation');
  END IF;
  PERFORM pg_advisory_xact_lock(${APPEND_LOCK_KEY}::bigint);
  SELECT e.revision, e.hash INTO head_revision, head_hash FROM events e WHERE e.stream = p_stream ORDER BY e.revision DESC LIMIT 1;
  IF NOT FOUND THEN
    head_revision := -1;
    head_hash := NULL;
  END IF;
  moved := head_revision IS DISTINCT FROM p_head_revision OR head_hash IS DISTINCT FROM p_head_hash;
  IF moved THEN
    RETURN;
  END IF;
  WITH inserted AS (
    INSERT INTO events (event_id, stream, revision, type, data, metadata, hash, recorded_at)
    SELECT r.id, p_stream, p_head_revision + r.n, r.type, r.data::json, r.metadata::json, r.hash, date_trunc('milliseconds', clock_timestamp())
      FROM unnest(p_ids, p_types, p_data, p_metadata, p_hashes) WITH ORDINALITY AS r(id, type, data, metadata, hash, n)
     ORDER BY r.n
    RETURNING position)
  SELECT MAX(position) INTO last_position FROM inserted;
  PERFORM pg_notify('${POSTGRES_EVENTS_CHANNEL}', last_position::text);
END
$fn$;
-- A JSON array of text, as text[] in its order.
CREATE OR REPLACE FUNCTION regie_text_array(p json) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT coalesce(array_agg(x ORDER BY n), '{}'::text[]) FROM json_array_elements_text(p) WITH ORDINALITY AS t(x, n)
$fn$;
-- Group commit: several appends in one transaction, each exactly as regie_append_events makes it
-- (its own head check: a moved head skips only that append). One row per append, in order.
CREATE OR REPLACE FUNCTION regie_append_batch(p_batch json)
RETURNS TABLE (moved boolean, head_revision bigint, head_hash text, last_position bigint)
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  a json;
BEGIN
  FOR a IN SELECT value FROM json_array_elements(p_batch) WITH ORDINALITY AS t(value, n) ORDER BY n LOOP
    RETURN QUERY SELECT * FROM regie_append_events(
      a->>'stream', (a->>'headRevision')::bigint, a->>'headHash',
      regie_text_array(a->'ids'), regie_text_array(a->'types'), regie_text_array(a->'data'),
      regie_text_array(a->'metadata'), regie_text_array(a->'hashes'));
  END LOOP;
END
$fn$;`;
