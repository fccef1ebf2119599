// verify.mjs reads a jixiao export with DuckDB and prints, for each table,
// its number of rows and, for each column, the number of non-null values
// and the exact sum of a number column, the count of true values of a
// boolean column or the total UTF-8 bytes of a text column.
//
//   node verify.mjs --parquet DIR [--csv DIR]
//
// The Parquet files are read with their own types. The CSV files are read
// with the types of the Parquet columns of the same name, strictly (no type
// sniffing), so that a badly quoted field shows as an error or a mismatch.
// With both, the script exits 1 when the two summaries differ.
//
// Output (one JSON object on stdout):
//   {"parquet": {"forms": {"rows": 3, "columns": {"total_score":
//     {"non_null": 2, "sum": "175.82"}, ...}}, ...}, "csv": {...}}
import { DuckDBInstance } from '@duckdb/node-api';

const TABLES = ['documents', 'forms', 'funds', 'indicators', 'findings', 'problems'];

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    if (!['--parquet', '--csv'].includes(key) || i + 1 >= argv.length) {
      throw new Error(`usage: node verify.mjs --parquet DIR [--csv DIR] (bad argument ${key})`);
    }
    args[key.slice(2)] = argv[i + 1];
  }
  if (!args.parquet) {
    throw new Error('usage: node verify.mjs --parquet DIR [--csv DIR]');
  }
  return args;
}

// sqlString quotes s as an SQL string literal.
function sqlString(s) {
  return `'${s.replaceAll("'", "''")}'`;
}

// ident quotes s as an SQL identifier.
function ident(s) {
  return `"${s.replaceAll('"', '""')}"`;
}

// canonical writes a decimal as the jixiao JSON does: no trailing zeros.
function canonical(s) {
  if (s === null || s === undefined) {
    return '0';
  }
  let t = String(s);
  if (t.includes('.')) {
    t = t.replace(/0+$/, '').replace(/\.$/, '');
  }
  if (t === '-0') {
    t = '0';
  }
  return t;
}

async function rows(conn, sql) {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJson();
}

// describe returns the columns of a relation: [{name, type}].
async function describe(conn, relation) {
  const out = await rows(conn, `DESCRIBE SELECT * FROM ${relation}`);
  return out.map((r) => ({ name: r.column_name, type: r.column_type }));
}

// summarize returns the summary of one table.
async function summarize(conn, relation, columns) {
  const exprs = ['CAST(count(*) AS VARCHAR) AS "rows"'];
  columns.forEach((c, i) => {
    const col = ident(c.name);
    exprs.push(`CAST(count(${col}) AS VARCHAR) AS n${i}`);
    if (c.type.startsWith('DECIMAL') || ['BIGINT', 'INTEGER', 'HUGEINT'].includes(c.type)) {
      exprs.push(`CAST(sum(${col}) AS VARCHAR) AS s${i}`);
    } else if (c.type === 'BOOLEAN') {
      exprs.push(`CAST(count_if(${col}) AS VARCHAR) AS s${i}`);
    } else if (c.type === 'VARCHAR') {
      exprs.push(`CAST(coalesce(sum(strlen(${col})), 0) AS VARCHAR) AS s${i}`);
    } else {
      throw new Error(`${relation}: column ${c.name} has unexpected type ${c.type}`);
    }
  });
  const [r] = await rows(conn, `SELECT ${exprs.join(', ')} FROM ${relation}`);
  const out = { rows: Number(r.rows), columns: {} };
  columns.forEach((c, i) => {
    const cs = { non_null: Number(r[`n${i}`]) };
    if (c.type === 'BOOLEAN') {
      cs.true = Number(r[`s${i}`]);
    } else if (c.type === 'VARCHAR') {
      cs.bytes = Number(r[`s${i}`]);
    } else {
      cs.sum = canonical(r[`s${i}`]);
    }
    out.columns[c.name] = cs;
  });
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const result = { parquet: {} };
  const types = {};
  for (const t of TABLES) {
    const rel = `read_parquet(${sqlString(`${args.parquet}/${t}.parquet`)})`;
    types[t] = await describe(conn, rel);
    result.parquet[t] = await summarize(conn, rel, types[t]);
  }
  if (args.csv) {
    result.csv = {};
    for (const t of TABLES) {
      const cols = types[t].map((c) => `${sqlString(c.name)}: ${sqlString(c.type)}`).join(', ');
      const rel = `read_csv(${sqlString(`${args.csv}/${t}.csv`)}, header = true, auto_detect = false, ` +
        `delim = ',', quote = '"', escape = '"', columns = {${cols}})`;
      result.csv[t] = await summarize(conn, rel, types[t]);
    }
  }
  conn.closeSync();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (result.csv && JSON.stringify(result.csv) !== JSON.stringify(result.parquet)) {
    process.stderr.write('verify: the CSV and Parquet exports differ\n');
    process.exit(1);
  }
}

main().catch((err) => {
  process.stderr.write(`verify: ${err.stack || err}\n`);
  process.exit(2);
});
