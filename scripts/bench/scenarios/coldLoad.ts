import * as Y from 'yjs';
import { BenchClient } from '../benchClient.js';
import { figure, msText, type SoloScenario } from '../scenario.js';
import { median, withTimeout } from '../stats.js';

const PARAGRAPHS = 2000;
/** 160 Chinese characters (3 bytes each in UTF-8) per paragraph make the section about 1 MB. */
const CHARS_PER_PARAGRAPH = 160;
const REPEATS = 5;
/** Unmeasured loads first: a just-started process compiles its load path on the first one. */
const WARMUP_LOADS = 1;
const PREFILL_TIMEOUT_MS = 30_000;

const PHRASES = [
  '本年度', '部门整体支出', '绩效目标', '基本完成', '预算执行率', '达到', '资金使用', '规范有效', '学校', '严格执行',
  '财务管理制度', '进一步', '提高', '教育教学质量', '后勤保障能力', '持续增强', '项目资金', '按计划拨付', '，', '。',
];

let largeUpdate: Uint8Array | null = null;

/** The TipTap document of a long section: 2,000 paragraphs of Chinese text in the fragment 'default'. */
function largeSectionUpdate(): Uint8Array {
  if (largeUpdate) return largeUpdate;
  const doc = new Y.Doc();
  let seed = 1;
  const nextPhrase = () => PHRASES[(seed = (seed * 48271) % 2147483647) % PHRASES.length]!;
  const paragraphs = Array.from({ length: PARAGRAPHS }, () => {
    let text = '';
    while (text.length < CHARS_PER_PARAGRAPH) text += nextPhrase();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text.slice(0, CHARS_PER_PARAGRAPH))]);
    return paragraph;
  });
  doc.getXmlFragment('default').insert(0, paragraphs);
  largeUpdate = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return largeUpdate;
}

/**
 * 5. A new client opening a long section nobody has open: from connecting until sync step 2
 * with the whole document arrives. The project server loads it from SQLite (the writer that
 * stored it left and the room was unloaded); the reference keeps every document in memory.
 */
export const coldLoad: SoloScenario = {
  id: '5',
  title: `cold load of a ${PARAGRAPHS}-paragraph (~1 MB) section by a new client, median of ${REPEATS} after ${WARMUP_LOADS} unmeasured`,
  rows: [{ label: 'cold load of a 1 MB section (connect → sync step 2)', metric: 'coldLoad', target: { kind: 'ratioAtMost', limit: 1.2 } }],
  // One process's loads still speed up run by run (the relay's went 48, 22, 12, 12, 13 ms in one
  // round and 22 ms flat in another): the median of rounds on fresh processes is the figure.
  rounds: 3,
  timeLimitMs: 90_000,
  async run(server) {
    const url = server.roomUrl(server.sectionKeys[0]!);
    const update = largeSectionUpdate();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    const writer = await BenchClient.connect(url, { doc });
    // The writer answers the server's step 1 with the whole document; its echo means it is stored.
    await withTimeout(new Promise<void>((resolve) => {
      writer.onUpdate = (received) => { if (received.length >= update.length * 0.9) resolve(); };
    }), PREFILL_TIMEOUT_MS, 'storing the 1 MB section');
    await writer.close();
    const times: number[] = [];
    for (let i = 0; i < WARMUP_LOADS + REPEATS; i++) {
      await server.idleRoomsUnloaded();
      const start = performance.now();
      const reader = await BenchClient.connect(url, { timeoutMs: 30_000 });
      await reader.close();
      if (reader.synced!.bytes < update.length * 0.9) throw new Error(`sync step 2 had ${reader.synced!.bytes} bytes, expected ~${update.length}`);
      if (i >= WARMUP_LOADS) times.push(reader.synced!.at - start);
    }
    const loadMs = median(times);
    return {
      figures: { coldLoad: figure(loadMs, msText(loadMs)) },
      notes: [`section ${(update.length / 1e6).toFixed(2)} MB; runs ${times.map(msText).join(', ')} (after ${WARMUP_LOADS} unmeasured)`],
    };
  },
};
