// The language a person chose (kept across visits), its translator and the switch between Swedish
// and English: the console shell and every public link page (the consent e-service, a relative's
// invitation, the locksmith's arrival) each hold one.
import { useLayoutEffect, useMemo, useState } from 'react';
import { setRequestLanguage } from './api-client';
import { createTranslator, readSavedLanguage, saveLanguage, type Language, type Translator } from './i18n';

export function useLanguageChoice(): {
  language: Language;
  translator: Translator;
  switchLanguage: () => void;
} {
  const [language, setLanguage] = useState<Language>(readSavedLanguage);
  const translator = useMemo(() => createTranslator(language), [language]);
  // The page says which language it is written in from its first paint (index.html says Swedish),
  // so a screen reader reads a saved English choice in English; a layout effect runs before any
  // screen's data effects, so their first request already asks for the right language.
  useLayoutEffect(() => {
    document.documentElement.lang = language;
    setRequestLanguage(language);
  }, [language]);
  const switchLanguage = () => {
    const next = language === 'sv' ? 'en' : 'sv';
    saveLanguage(next);
    setLanguage(next);
  };
  return { language, translator, switchLanguage };
}
