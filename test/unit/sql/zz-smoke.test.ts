import sql from 'mssql';
import { startTdsTestServer, DEFAULT_TEST_LOGIN } from '../../support/tds';

test('smoke', async () => {
  const server = await startTdsTestServer({
    handlers: [(r) => (r.sql.includes('hello') ? { resultSets: [{ columns: [{ name: 'x', type: { type: 'int' } }, { name: 's', type: { type: 'nvarchar', length: 'max' } }], rows: [[1, 'héllo'], [2, null]] }] } : undefined)],
  });
  const pool = new sql.ConnectionPool({
    server: server.host, port: server.port, database: 'db1', user: DEFAULT_TEST_LOGIN.user, password: DEFAULT_TEST_LOGIN.password,
    options: { encrypt: true, cryptoCredentialsDetails: { ca: server.caPem } },
  });
  try {
    await pool.connect();
    const r = await pool.request().input('n', sql.Int, 5).query('select hello');
    console.log(r.recordset, r.rowsAffected, server.batches, server.protocolErrors);
  } finally {
    await pool.close();
    await server.stop();
  }
});
