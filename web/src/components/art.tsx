import { createUniqueId } from 'solid-js';

/** A stable number from an id, so the same drop always gets the same colours. */
function hash(text: string): number {
  let value = 2166136261;
  for (let index = 0; index < text.length; index += 1) value = Math.imul(value ^ text.charCodeAt(index), 16777619);
  return value >>> 0;
}

/**
 * Generated artwork for a drop, a product or a show: a gradient in the id's colours under the
 * 반짝 sparkle, drawn inline (no image to download, crisp at any size). Decorative: the title next
 * to it says what it is.
 */
export function Art(props: { seed: string; class?: string; glyph?: string }) {
  const id = createUniqueId();
  const hue = () => hash(props.seed) % 360;
  const turn = () => (hash(`${props.seed}.`) % 60) - 30;
  return (
    <svg class={`art ${props.class ?? ''}`} viewBox="0 0 100 100" preserveAspectRatio="xMidYMid slice" aria-hidden="true">
      <defs>
        <linearGradient id={`g${id}`} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stop-color={`hsl(${hue()} 78% 62%)`} />
          <stop offset="1" stop-color={`hsl(${(hue() + 48) % 360} 84% 52%)`} />
        </linearGradient>
      </defs>
      <rect width="100" height="100" fill={`url(#g${id})`} />
      <circle cx="82" cy="18" r="26" fill="#fff" opacity="0.14" />
      <path
        d="M50 22 L57 43 L78 50 L57 57 L50 78 L43 57 L22 50 L43 43 Z"
        fill="#fff"
        opacity="0.9"
        transform={`rotate(${turn()} 50 50)`}
      />
      {props.glyph ? (
        <text x="50" y="56" text-anchor="middle" font-size="16" font-weight="700" fill={`hsl(${hue()} 60% 30%)`}>
          {props.glyph}
        </text>
      ) : null}
    </svg>
  );
}
