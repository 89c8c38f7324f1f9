export interface ProgressBarProps {
  /** 0..1 */
  value: number;
  label: string;
}

/** How far along the line the visitor has come since joining. */
export function ProgressBar(props: ProgressBarProps) {
  const percent = () => Math.round(Math.min(1, Math.max(0, props.value)) * 100);
  return (
    <div
      class="progress"
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent()}
    >
      <div class="progress-fill" style={{ width: `${percent()}%` }} />
    </div>
  );
}
