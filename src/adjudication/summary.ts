import type { Bilingual } from '../rules/pack-types';
import type { Explanation } from './explanation';

/** One sentence in Chinese and one in English saying what was decided and why. */
export function summarize(e: Omit<Explanation, 'summary'>): Bilingual {
  const zhTitle = e.program.title.zh;
  const enTitle = e.program.title.en;
  const v = e.version ? `（${e.version.version} 版）` : '';
  const vEn = e.version ? ` (version ${e.version.version})` : '';
  const determination = e.program.kind === 'determination';
  switch (e.outcome) {
    case 'needs-information':
      return {
        zh: `${zhTitle}${v}：信息不完整，尚需提供 ${e.missingFacts.join('、')} 后方可决定。`,
        en: `${enTitle}${vEn}: cannot be decided until ${e.missingFacts.join(', ')} ${e.missingFacts.length === 1 ? 'is' : 'are'} provided.`,
      };
    case 'rejected': {
      if (!e.version) {
        return {
          zh: `${zhTitle}：${e.versionSelection.date ?? ''} 无有效政策版本，不予支持。`,
          en: `${enTitle}: no version is in force on ${e.versionSelection.date ?? 'that date'}, so nothing is paid.`,
        };
      }
      const capped = e.reasons.find((r) => r.code === 'cap-reached' || r.code === 'already-paid');
      if (capped) return { zh: `${zhTitle}${v}：符合条件，但${capped.detail}，本次不予支付。`, en: `${enTitle}${vEn}: eligible, but ${capped.detail}; nothing is paid.` };
      if (e.failingConditions.length === 0) {
        return { zh: `${zhTitle}${v}：计算金额为零，不予支付。`, en: `${enTitle}${vEn}: the computed amount is zero; nothing is paid.` };
      }
      const facts = [...new Set(e.failingConditions.map((f) => f.fact))].join(determination ? '、' : '、');
      return {
        zh: `${zhTitle}${v}：不符合条件（${facts}）。`,
        en: `${enTitle}${vEn}: ${determination ? 'does not qualify' : 'not eligible'}; failing: ${[...new Set(e.failingConditions.map((f) => f.fact))].join(', ')}.`,
      };
    }
    case 'partial': {
      const cut = e.caps.filter((c) => c.cut !== '0.00' && !c.settlesDifference).map((c) => c.title);
      return {
        zh: `${zhTitle}${v}：符合条件，测算 ${e.computedAmount} 元，受${cut.map((t) => t.zh).join('、')}限制，支付 ${e.amount} 元。`,
        en: `${enTitle}${vEn}: eligible; computed ${e.computedAmount} yuan, limited by ${cut.map((t) => t.en).join(', ')} to ${e.amount} yuan.`,
      };
    }
    case 'approved':
      if (determination) return { zh: `${zhTitle}${v}：符合认定条件。`, en: `${enTitle}${vEn}: qualifies.` };
      return { zh: `${zhTitle}${v}：符合条件，支付 ${e.amount} 元。`, en: `${enTitle}${vEn}: eligible; pays ${e.amount} yuan.` };
  }
}
