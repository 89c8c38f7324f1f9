const krw = new Intl.NumberFormat('ko-KR', { style: 'currency', currency: 'KRW' });

/** Deal prices are whole won. */
export function formatPrice(priceKrw: number): string {
  return krw.format(priceKrw);
}
