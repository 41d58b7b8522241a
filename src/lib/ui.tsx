import {
  useId,
  type ButtonHTMLAttributes,
  type HTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
} from 'react';

type ButtonVariant = 'primary' | 'secondary' | 'danger';

const BUTTON_BASE =
  'inline-flex min-h-12 items-center justify-center gap-2 rounded-xl px-5 py-3 text-base font-semibold ' +
  // Disabled: its own colours, not a faded copy (sky-700 at 50 % opacity fell under 3:1): slate-700 on slate-200 is 8.6:1.
  'transition-colors disabled:cursor-not-allowed disabled:bg-slate-200 disabled:text-slate-700 disabled:ring-slate-300 ' +
  'focus-visible:outline-none ' +
  'focus-visible:ring-4 focus-visible:ring-offset-2';

const BUTTON_VARIANTS: Record<ButtonVariant, string> = {
  primary: 'bg-sky-700 text-white enabled:hover:bg-sky-800 focus-visible:ring-sky-300',
  secondary: 'bg-white text-slate-900 ring-1 ring-slate-300 ring-inset enabled:hover:bg-slate-100 focus-visible:ring-sky-300',
  danger: 'bg-rose-600 text-white enabled:hover:bg-rose-700 focus-visible:ring-rose-300',
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
}

/** The app's button: large touch target, visible focus ring, `type="button"` unless told otherwise. */
export function Button({ variant = 'primary', className = '', type = 'button', ...rest }: ButtonProps) {
  return <button type={type} className={`${BUTTON_BASE} ${BUTTON_VARIANTS[variant]} ${className}`} {...rest} />;
}

/** Decorative spinner; pair it with visible text. */
export function Spinner({ className = 'size-5' }: { className?: string }) {
  return (
    <svg className={`animate-spin ${className}`} viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <circle cx="12" cy="12" r="10" stroke="currentColor" strokeOpacity="0.25" strokeWidth="4" />
      <path d="M22 12a10 10 0 0 0-10-10" stroke="currentColor" strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}

type NoticeTone = 'info' | 'warning' | 'error' | 'success';

const NOTICE_TONES: Record<NoticeTone, string> = {
  info: 'bg-sky-50 text-sky-900 ring-sky-200',
  warning: 'bg-amber-50 text-amber-900 ring-amber-200',
  error: 'bg-rose-50 text-rose-900 ring-rose-200',
  success: 'bg-emerald-50 text-emerald-900 ring-emerald-200',
};

/** A boxed message. Pass `role="alert"` when it must interrupt a screen reader. */
export function Notice({
  tone = 'info',
  heading,
  children,
  className = '',
  ...rest
}: { tone?: NoticeTone; heading?: ReactNode } & HTMLAttributes<HTMLDivElement>) {
  return (
    <div className={`rounded-xl p-4 ring-1 ring-inset ${NOTICE_TONES[tone]} ${className}`} {...rest}>
      {heading ? <p className="font-semibold">{heading}</p> : null}
      {children ? <div className={heading ? 'mt-1 text-sm' : 'text-sm'}>{children}</div> : null}
    </div>
  );
}

/** Text inputs and selects: visible border and focus ring, 40 px tall. */
export const INPUT_CLASS =
  'min-h-10 rounded-lg border border-slate-400 bg-white px-3 py-1.5 text-sm text-slate-900 ' +
  'focus-visible:border-sky-700 focus-visible:ring-4 focus-visible:ring-sky-200 focus-visible:outline-none';

/**
 * A text input inside its label (its accessible name is the label). `onValue` gets the new text; `inputClassName`
 * adds to the input's own look.
 */
export function TextField({
  label,
  onValue,
  inputClassName = '',
  ...rest
}: { label: ReactNode; onValue: (value: string) => void; inputClassName?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'onChange' | 'className'
>) {
  return (
    <label className="flex flex-col gap-1 text-sm font-medium">
      {label}
      <input
        className={inputClassName ? `${INPUT_CLASS} ${inputClassName}` : INPUT_CLASS}
        {...rest}
        onChange={(e) => onValue(e.target.value)}
      />
    </label>
  );
}

/** Compact button size for toolbars and tables (pass as className to Button). */
export const SMALL_BUTTON = 'min-h-10 px-3 py-1.5 text-sm';

/** A page-level heading block with optional actions on the right. */
export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <h1 className="mr-auto text-2xl font-bold tracking-tight">{title}</h1>
      {children}
    </div>
  );
}

/**
 * A select with its label beside it (not around it), so the accessible name is just the label,
 * not the label plus every option's text.
 */
export function SelectField({
  label,
  className = '',
  labelClassName = 'text-sm font-medium',
  children,
  ...rest
}: { label: ReactNode; labelClassName?: string } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      <select id={id} className={INPUT_CLASS} {...rest}>
        {children}
      </select>
    </div>
  );
}

/** The compact inline selects of the capture page (language, camera, source): 40 px tall, focus ring. */
const INLINE_SELECT_CLASS =
  'min-h-10 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm ' +
  'focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none';

/**
 * A label with a native <select> inside it, side by side: keyboards and screen readers work as is.
 * `className` places the pair; `selectClassName` adds to the select's own look.
 */
export function InlineSelect({
  label,
  className = '',
  selectClassName = '',
  children,
  ...rest
}: { label: ReactNode; selectClassName?: string } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <label className={`flex items-center gap-2 text-sm text-slate-700 ${className}`}>
      <span>{label}</span>
      <select className={`${INLINE_SELECT_CLASS} ${selectClassName}`} {...rest}>
        {children}
      </select>
    </label>
  );
}
