/** The × that puts a message away. */
export function DismissButton({ onClick, className }: { onClick(): void; className?: string }) {
  return (
    <button
      type="button"
      className={className ? `ghost ${className}` : 'ghost'}
      aria-label="Dismiss"
      onClick={onClick}
    >
      ×
    </button>
  );
}
