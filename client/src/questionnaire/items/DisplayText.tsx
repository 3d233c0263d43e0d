interface DisplayTextProps {
  text: string;
  /** a notice from the server (e.g. no wording installed for this language), shown as one */
  noticeHeading?: string;
}

/** Display only: text of the form that asks nothing (an instruction, a stem, a notice). */
export function DisplayText({ text, noticeHeading }: DisplayTextProps) {
  if (noticeHeading) {
    return (
      <div className="notice notice--info" role="note">
        <p className="notice__title">{noticeHeading}</p>
        <p>{text}</p>
      </div>
    );
  }
  return <p className="question-display">{text}</p>;
}
