import type { Bilingual } from '../rules/pack-types';
import type { Explanation } from './explanation';
import { CLAIM_CAP_ID } from '../rules/pack-types';

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
      const reached = e.caps.find((c) => c.granted === '0.00' && c.cut !== '0.00');
      if (reached?.id === CLAIM_CAP_ID) {
        const first = reached.usedBy?.map((h) => h.holder).join('、') ?? '';
        return {
          zh: `${zhTitle}${v}：同一申请（${reached.title.zh}）已有决定${first ? ` ${first}` : ''}，本次不予支付。`,
          en: `${enTitle}${vEn}: the same claim (${reached.title.en}) was decided before${first ? ` by ${first}` : ''}; nothing is paid.`,
        };
      }
      if (reached) {
        return reached.settlesDifference
          ? { zh: `${zhTitle}${v}：符合条件，但${reached.title.zh}已全部支付（已付 ${reached.usedBefore} 元），本次不予支付。`, en: `${enTitle}${vEn}: eligible, but ${reached.title.en} is paid in full (${reached.usedBefore} paid); nothing is paid.` }
          : { zh: `${zhTitle}${v}：符合条件，但${reached.title.zh}已用尽（上限 ${reached.limit}，已用 ${reached.usedBefore}），本次不予支付。`, en: `${enTitle}${vEn}: eligible, but ${reached.title.en} is used up (limit ${reached.limit}, used ${reached.usedBefore}); nothing is paid.` };
      }
      if (e.failingConditions.length === 0) {
        return { zh: `${zhTitle}${v}：计算金额为零，不予支付。`, en: `${enTitle}${vEn}: the computed amount is zero; nothing is paid.` };
      }
      const facts = [...new Set(e.failingConditions.map((f) => f.fact))];
      return {
        zh: `${zhTitle}${v}：${determination ? '不符合认定条件' : '不符合申报条件'}（未满足：${facts.join('、')}）。`,
        en: `${enTitle}${vEn}: ${determination ? 'does not qualify' : 'not eligible'}; failing: ${facts.join(', ')}.`,
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
