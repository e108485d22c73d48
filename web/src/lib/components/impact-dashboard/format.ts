/** Display of dashboard figures: grams as kg in the UI language, method lines. */
import type { TLocale } from '$shared/common.schemas';
import type { TFigure } from '$shared/impact.schemas';
import type { TMethod } from '$shared/networks.schemas';
import { formatNumber } from '$lib/format';
import type { Messages } from '$lib/i18n';

/** Whole grams (or thousandths of an hour) shown as kg (or hours) with at most one decimal. */
export function kg(grams: number, locale: TLocale): string {
  return formatNumber(grams / 1000, locale, Math.abs(grams) < 10_000 ? 1 : 0);
}

export function figureText(fig: TFigure, locale: TLocale): string {
  return fig.unit === 'count' ? formatNumber(fig.value, locale) : kg(fig.value, locale);
}

export function methodText(method: TMethod, locale: TLocale, m: Messages): string {
  const n = (x: number) => formatNumber(x, locale, 2);
  return m.networks.methodLine(
    n(method.attribution),
    n(method.deadweight),
    method.transport,
    `${n(method.estimateRange * 100)} %`,
  );
}
