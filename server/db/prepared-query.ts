import type { Compilable, CompiledQuery, QueryResult, RawBuilder } from 'kysely';
import type { Executor } from './database';

/** Stands where a value will go; replaced by the real value each time the query runs. */
class Slot {
  constructor(readonly name: string) {}
}

type Slots<Args> = { [K in keyof Args]: Args[K] };

const statementNames = new Map<string, string>();

/**
 * The name under which PostgreSQL keeps a prepared query's statement, parsed and planned once per
 * connection (see openPostgres in database.ts); undefined for any other SQL. The SQL text of a
 * prepared query never changes, so one name stands for one text for the life of the process.
 */
export function preparedStatementName(sqlText: string): string | undefined {
  return statementNames.get(sqlText);
}

// Each name is a statement kept by every PostgreSQL connection that ran it: a bound on the texts
// named keeps a query built from user input (a list of any length) from growing that without end.
const MOST_STATEMENT_NAMES = 1000;

function nameStatement(sqlText: string): void {
  if (!statementNames.has(sqlText) && statementNames.size < MOST_STATEMENT_NAMES) statementNames.set(sqlText, `sopdesk_prepared_${statementNames.size + 1}`);
}

/**
 * Runs a query whose shape varies a little from call to call (a few optional filters, one to a
 * dozen search words) as a prepared statement on PostgreSQL: each shape is planned once per
 * connection. For a hot query that slots (prepareQuery) cannot express.
 */
export async function executePrepared<Row>(db: Executor, query: RawBuilder<Row>): Promise<QueryResult<Row>> {
  const compiled = query.compile(db);
  nameStatement(compiled.sql);
  return db.executeQuery(compiled);
}

/**
 * Kysely builds and compiles a query's syntax tree on every call, and for the few queries that run
 * on every request (the session look-up, the audit chain's head) that costs several times more
 * than SQLite takes to run them. A prepared query is built once per SQL dialect with slots where
 * the values go, then run with the values of each call. Only for scalar values: a list (an `in`)
 * would compile to a different number of parameters.
 */
export function prepareQuery<Args extends Record<string, unknown>, Row>(build: (db: Executor, slots: Slots<Args>) => Compilable<Row>) {
  const compiledByDialect = new Map<unknown, CompiledQuery<Row>>();
  const slots = new Proxy({} as Slots<Args>, { get: (_target, name) => new Slot(String(name)) });

  return async function run(db: Executor, args: Args): Promise<QueryResult<Row>> {
    const adapter = db.getExecutor().adapter.constructor;
    let compiled = compiledByDialect.get(adapter);
    if (!compiled) {
      compiled = build(db, slots).compile();
      compiledByDialect.set(adapter, compiled);
      nameStatement(compiled.sql);
    }
    const parameters = compiled.parameters.map((parameter) => {
      if (!(parameter instanceof Slot)) return parameter;
      if (!Object.hasOwn(args, parameter.name)) throw new Error(`prepared query: no value for "${parameter.name}"`);
      return args[parameter.name];
    });
    return db.executeQuery({ ...compiled, parameters });
  };
}
