// The language a person chose (kept across visits), its translator and the switch between Swedish
// and English: the console shell and the public consent e-service each hold one.
import { useMemo, useState } from 'react';
import { createTranslator, readSavedLanguage, saveLanguage, type Language, type Translator } from './i18n';

export function useLanguageChoice(): {
  language: Language;
  translator: Translator;
  switchLanguage: () => void;
} {
  const [language, setLanguage] = useState<Language>(readSavedLanguage);
  const translator = useMemo(() => createTranslator(language), [language]);
  const switchLanguage = () => {
    const next = language === 'sv' ? 'en' : 'sv';
    // Saving also sets the document's lang, so screen readers switch voice at once.
    saveLanguage(next);
    setLanguage(next);
  };
  return { language, translator, switchLanguage };
}
