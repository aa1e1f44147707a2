/** A record's facts as a definition list, leaving out those without a value: [field, label, value]. */
export function FactList(props: { rows: [string, string, string | null][] }) {
  return (
    <dl class="facts">
      {props.rows
        .filter(([, , value]) => value)
        .map(([field, label, value]) => (
          <>
            <dt>{label}</dt>
            <dd data-field={field}>{value}</dd>
          </>
        ))}
    </dl>
  );
}
