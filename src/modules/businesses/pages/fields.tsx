import type { FormValues } from '../../../platform/forms';

/** A checkbox with its label beside it (the platform's form fields have none yet). */
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
