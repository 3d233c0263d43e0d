import { Fragment } from 'react';

/** Names separated by commas, each isolated for direction (<bdi>) so Latin and Arabic script names keep their order. */
export function NameList({ names }: { names: readonly string[] }) {
  return (
    <>
      {names.map((name, i) => (
        <Fragment key={`${i}:${name}`}>
          {i > 0 ? ', ' : null}
          <bdi>{name}</bdi>
        </Fragment>
      ))}
    </>
  );
}
