// Runs the official @kintone/rest-api-client against cybozu-emulator, so the emulator
// is checked against what real client traffic looks like (kintone-api.md §8).
// EMULATOR_BIN: path to build/bin/cybozu-emulator (set by ctest).
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { KintoneRestAPIClient, KintoneRestAPIError } from "@kintone/rest-api-client";

const ADMIN_PASSWORD = "js-suite-password";
const APP = 1;
let emulator;
let baseUrl;
let client;

const seed = {
  apps: [
    {
      id: APP,
      name: "JS conformance",
      fields: {
        key: { type: "SINGLE_LINE_TEXT", unique: true },
        num: { type: "NUMBER" },
        note: { type: "SINGLE_LINE_TEXT" },
        attachment: { type: "FILE" },
      },
    },
  ],
};

async function startEmulator() {
  const bin = process.env.EMULATOR_BIN;
  assert.ok(bin, "EMULATOR_BIN must point at cybozu-emulator");
  emulator = spawn(bin, ["--listen", "127.0.0.1:0", "--admin-password", ADMIN_PASSWORD], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: emulator.stdout });
  const first = await new Promise((resolve, reject) => {
    lines.once("line", resolve);
    emulator.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  const match = /^ready http:\/\/127\.0\.0\.1:(\d+)$/.exec(first);
  assert.ok(match, `unexpected first line: ${first}`);
  // The client accepts http only for the host name "localhost" (kintone-api.md §8.1).
  baseUrl = `http://localhost:${match[1]}`;
}

async function control(path, body) {
  const response = await fetch(`http://127.0.0.1:${new URL(baseUrl).port}/__emulator/${path}`, {
    method: "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.equal(response.status, 200, await response.text());
}

before(async () => {
  await startEmulator();
  client = new KintoneRestAPIClient({
    baseUrl,
    auth: { username: "Administrator", password: ADMIN_PASSWORD },
  });
});

after(() => {
  emulator.kill("SIGTERM");
});

describe("bulk writes and full reads", () => {
  // 4,500 records = three addAllRecords chunks of <= 2,000 (20 x 100 per bulkRequest).
  const COUNT = 4500;

  before(async () => {
    await control("reset");
    await control("seed", seed);
  });

  test("addAllRecords spans several bulkRequests and returns every id", async () => {
    const records = Array.from({ length: COUNT }, (_, i) => ({
      key: { value: `k${i}` },
      num: { value: String(i) },
    }));
    const result = await client.record.addAllRecords({ app: APP, records });
    assert.equal(result.records.length, COUNT);
    assert.equal(result.records[0].id, "1");
    assert.equal(result.records[COUNT - 1].id, String(COUNT));
  });

  test("getAllRecords without orderBy uses $id seek and returns all, ascending", async () => {
    const records = await client.record.getAllRecords({ app: APP, fields: ["num"] });
    assert.equal(records.length, COUNT);
    assert.deepEqual(
      records.slice(0, 3).map((r) => r.$id.value),
      ["1", "2", "3"],
    );
    assert.equal(records[COUNT - 1].num.value, String(COUNT - 1));
  });

  test("getAllRecords with orderBy goes through a cursor in the requested order", async () => {
    const records = await client.record.getAllRecords({
      app: APP,
      condition: "num >= 4000",
      orderBy: "num desc",
    });
    assert.equal(records.length, 500);
    assert.equal(records[0].num.value, "4499");
    assert.equal(records[499].num.value, "4000");
  });

  test("updateAllRecords spans several bulkRequests", async () => {
    const records = Array.from({ length: COUNT }, (_, i) => ({
      id: String(i + 1),
      record: { note: { value: `updated ${i + 1}` } },
    }));
    const result = await client.record.updateAllRecords({ app: APP, records });
    assert.equal(result.records.length, COUNT);
    assert.equal(result.records[0].revision, "2");
    const check = await client.record.getRecord({ app: APP, id: 3210 });
    assert.equal(check.record.note.value, "updated 3210");
    assert.equal(check.record.$revision.value, "2");
  });
});

describe("single-record behaviour", () => {
  before(async () => {
    await control("reset");
    await control("seed", seed);
  });

  test("updateRecords with upsert inserts, then updates by updateKey", async () => {
    const first = await client.record.updateRecords({
      app: APP,
      upsert: true,
      records: [{ updateKey: { field: "key", value: "u-1" }, record: { num: { value: "7" } } }],
    });
    assert.equal(first.records[0].operation, "INSERT");
    const second = await client.record.updateRecords({
      app: APP,
      upsert: true,
      records: [{ updateKey: { field: "key", value: "u-1" }, record: { num: { value: "8" } } }],
    });
    assert.equal(second.records[0].operation, "UPDATE");
    assert.equal(second.records[0].id, first.records[0].id);
    assert.equal(second.records[0].revision, "2");
  });

  test("upsertRecord (client side get + add/update) finds the record by a query", async () => {
    const result = await client.record.upsertRecord({
      app: APP,
      updateKey: { field: "key", value: "u-1" },
      record: { note: { value: "via upsertRecord" } },
    });
    assert.equal(result.revision, "3");
    const { records } = await client.record.getRecords({ app: APP, query: 'key = "u-1"' });
    assert.equal(records.length, 1);
    assert.equal(records[0].note.value, "via upsertRecord");
    assert.equal(records[0].num.value, "8");
  });

  test("a file uploads, attaches and downloads byte for byte", async () => {
    const content = "こんにちは, emulator\n";
    const { fileKey } = await client.file.uploadFile({
      file: { name: "hello.txt", data: content },
    });
    const { id } = await client.record.addRecord({
      app: APP,
      record: { key: { value: "with-file" }, attachment: { value: [{ fileKey }] } },
    });
    const { record } = await client.record.getRecord({ app: APP, id });
    const [attached] = record.attachment.value;
    assert.equal(attached.name, "hello.txt");
    assert.notEqual(attached.fileKey, fileKey, "download key differs from the upload key");
    const data = await client.file.downloadFile({ fileKey: attached.fileKey });
    assert.equal(Buffer.from(data).toString("utf8"), content);
  });

  test("a stale revision surfaces as KintoneRestAPIError GAIA_CO02 (409)", async () => {
    const { id } = await client.record.addRecord({ app: APP, record: { key: { value: "rev" } } });
    await client.record.updateRecord({ app: APP, id, record: { num: { value: "1" } } });
    await assert.rejects(
      client.record.updateRecord({ app: APP, id, revision: 1, record: { num: { value: "2" } } }),
      (error) => {
        assert.ok(error instanceof KintoneRestAPIError);
        assert.equal(error.code, "GAIA_CO02");
        assert.equal(error.status, 409);
        return true;
      },
    );
  });
});
