import { type FormProblem, type FormValues, invalidIf } from '../forms';
import { type PageView, tr } from './layout';

/** What every field of a form is handed: its name and label, the values sent, and the problems. */
interface FieldProps {
  view: PageView;
  name: string;
  label: string;
  hint?: string | undefined;
  values: FormValues;
  problem: FormProblem | undefined;
  required?: boolean;
  /** the value shown when nothing was sent yet */
  initial?: string;
}

const hintId = (name: string) => `${name}-hint`;

function Label(props: FieldProps) {
  return (
    <label for={props.name}>
      {props.label}
      {props.hint ? (
        <span class="hint" id={hintId(props.name)}>
          {props.hint}
        </span>
      ) : null}
    </label>
  );
}

const shownValue = (props: FieldProps) => props.values[props.name] ?? props.initial ?? '';

/** A labelled input that shows what was sent, and is marked invalid when the server refused it. */
export function InputField(
  props: FieldProps & {
    type?: string;
    maxlength?: number;
    inputmode?: 'numeric' | 'decimal' | 'tel' | 'email';
    autocomplete?: string;
    min?: string;
    max?: string;
    /** the id of a <datalist> of suggestions */
    list?: string;
  },
) {
  return (
    <div>
      <Label {...props} />
      <input
        id={props.name}
        name={props.name}
        type={props.type ?? 'text'}
        required={props.required ?? true}
        maxlength={props.maxlength}
        inputmode={props.inputmode}
        autocomplete={props.autocomplete}
        min={props.min}
        max={props.max}
        list={props.list}
        value={shownValue(props)}
        aria-describedby={props.hint ? hintId(props.name) : undefined}
        {...invalidIf(props.problem, props.name)}
      />
    </div>
  );
}

export function TextAreaField(props: FieldProps & { maxlength: number; rows?: number }) {
  return (
    <div>
      <Label {...props} />
      <textarea
        id={props.name}
        name={props.name}
        rows={props.rows ?? 4}
        required={props.required ?? false}
        maxlength={props.maxlength}
        aria-describedby={props.hint ? hintId(props.name) : undefined}
        {...invalidIf(props.problem, props.name)}
      >
        {shownValue(props)}
      </textarea>
    </div>
  );
}

/** A select of codes and their names. */
export function SelectField(props: FieldProps & { options: { value: string; label: string }[] }) {
  const selected = shownValue(props);
  return (
    <div>
      <Label {...props} />
      <select
        id={props.name}
        name={props.name}
        required={props.required ?? true}
        aria-describedby={props.hint ? hintId(props.name) : undefined}
        {...invalidIf(props.problem, props.name)}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={selected === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A checkbox with its label beside it. */
export function CheckboxField(props: { name: string; label: string; values: FormValues }) {
  return (
    <div class="choice">
      <input
        id={props.name}
        name={props.name}
        type="checkbox"
        value="on"
        checked={Boolean(props.values[props.name])}
      />
      <label for={props.name}>{props.label}</label>
    </div>
  );
}

/** A map position typed as latitude and longitude, with where to find them; optional or required. */
export function MapPositionFields(props: {
  view: PageView;
  values: FormValues;
  problem: FormProblem | undefined;
  optional: boolean;
}) {
  const { view } = props;
  const common = { view, values: props.values, problem: props.problem, required: !props.optional };
  const optional = props.optional ? tr(view, '（任意）', ' (optional)') : '';
  return (
    <>
      <InputField
        {...common}
        name="latitude"
        label={`${tr(view, '地図の位置：緯度', 'Map position: latitude')}${optional}`}
        hint={tr(
          view,
          '例：35.7289。地図アプリで地点を長押しすると表示されます。',
          'e.g. 35.7289, shown by a long press in a map app.',
        )}
        inputmode="decimal"
        maxlength={20}
      />
      <InputField
        {...common}
        name="longitude"
        label={`${tr(view, '地図の位置：経度', 'Map position: longitude')}${optional}`}
        hint={tr(view, '例：139.2941', 'e.g. 139.2941')}
        inputmode="decimal"
        maxlength={20}
      />
    </>
  );
}
