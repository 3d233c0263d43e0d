interface DisplayTextProps {
  text: string;
  /** a notice from the server (e.g. no wording installed for this language), shown as one */
  noticeHeading?: string;
  /** the notice's own language and direction when it is not the form's (it is in the interface language) */
  lang?: string;
  dir?: 'ltr' | 'rtl';
}

/** Display only: text of the form that asks nothing (an instruction, a stem, a notice). */
export function DisplayText({ text, noticeHeading, lang, dir }: DisplayTextProps) {
  if (noticeHeading) {
    return (
      <div className="notice notice--info" role="note" lang={lang} dir={dir}>
        <p className="notice__title">{noticeHeading}</p>
        <p>{text}</p>
      </div>
    );
  }
  return <p className="question-display">{text}</p>;
}
