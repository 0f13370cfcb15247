import { afterEach, describe, expect, it } from 'vitest';
import { readableDb, sql, writableDb } from '../../../src/main/db/handles.js';
import { makeDesk, type TestDesk } from '../support/tempDesk.js';

describe('the database handles', () => {
  let t: TestDesk | undefined;
  afterEach(async () => {
    await t?.desk.close();
    t = undefined;
  });

  it('runs Kysely queries synchronously on the desk connection, typed by the schema', async () => {
    t = await makeDesk();
    const read = readableDb(t.desk.sqlite);
    const nairobi = read.first(read.selectFrom('centres').select(['id', 'code', 'active']).where('code', '=', 'NRB'));
    expect(nairobi).toEqual({ id: t.centres.nairobi, code: 'NRB', active: 1 });
    expect(read.all(read.selectFrom('centres').select('code').where('code', 'in', ['MSA', 'NRB']).orderBy('code'))).toEqual([{ code: 'MSA' }, { code: 'NRB' }]);
    expect(read.first(read.selectFrom('centres').select('id').where('code', '=', 'NONE'))).toBeUndefined();
  });

  it('refuses a raw statement that writes on the read handle, before it runs', async () => {
    t = await makeDesk();
    const read = readableDb(t.desk.sqlite);
    expect(() => read.all(sql`DELETE FROM centres`)).toThrow(/Not a read/);
    expect(read.first(sql<{ n: number }>`SELECT count(*) AS n FROM centres`)!.n).toBeGreaterThan(1);
  });

  it('writes with the write handle, binds booleans as 0/1, and rolls a failed transaction back whole', async () => {
    t = await makeDesk();
    const write = writableDb(t.desk.sqlite);
    const { changes } = write.run(
      write
        .updateTable('centres')
        .set({ active: false as unknown as number })
        .where('code', '=', 'NRB'),
    );
    expect(changes).toBe(1);
    expect(write.first(write.selectFrom('centres').select('active').where('code', '=', 'NRB'))).toEqual({ active: 0 });
    expect(() =>
      write.transaction(() => {
        write.run(write.updateTable('centres').set({ active: 1 }).where('code', '=', 'NRB'));
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(write.first(write.selectFrom('centres').select('active').where('code', '=', 'NRB'))).toEqual({ active: 0 });
  });

  it("compiles a statement once and runs it with each call's values, constants kept", async () => {
    t = await makeDesk();
    const write = writableDb(t.desk.sqlite);
    const setActive = write.compileOnce((active: number, code: string) =>
      write.updateTable('centres').set({ active, town: 'Kisumu' }).where('code', '=', code),
    );
    const town = write.compileOnce((code: string) => write.selectFrom('centres').select(['active', 'town']).where('code', '=', code));
    expect(setActive.run(0, 'NRB').changes).toBe(1);
    expect(setActive.run(0, 'NONE').changes).toBe(0);
    expect(town.first('NRB')).toEqual({ active: 0, town: 'Kisumu' });
    expect(town.first('MSA')).not.toEqual({ active: 0, town: 'Kisumu' });
    expect(town.first('NONE')).toBeUndefined();
  });
});
