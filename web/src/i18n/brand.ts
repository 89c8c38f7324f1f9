/** The name is the brand in every language: 반짝 ("sparkle"), with its Latin spelling beside it. */
export const brand = { hangul: '반짝', latin: 'Banjjak' } as const;
