// A list of statements of fact, each with a link to the Microsoft Learn page it paraphrases (src/learn.ts).
import type { GuidanceFact } from '../../src/guidance';
import { t } from '../../src/i18n';
import { LEARN_PAGES } from '../../src/learn';

// Used by the options page, the undo review and the conversion review's guidance panel: one rendering of a fact.
export function LearnFacts(props: { facts: readonly GuidanceFact[]; label: string; class?: string }) {
  return (
    <ul aria-label={props.label} class={props.class ?? 'small'}>
      {props.facts.map((f) => (
        <li key={f.id} data-fact={f.id}>
          {f.text}{' '}
          <a href={LEARN_PAGES[f.source].url} target="_blank" rel="noopener noreferrer">
            {t('learn_link', { title: LEARN_PAGES[f.source].title })}
          </a>
        </li>
      ))}
    </ul>
  );
}
