/**
 * Names as people in the programme's areas write them: each with its usual Latin transliteration and its
 * spelling in Arabic script (Arabic orthography for Arabic names, Kurdish (Sorani) orthography for Kurdish
 * ones, which Kurmanji speakers in Iraq also mostly use). Common names only; no real person is meant.
 */
export interface ScriptName {
  latin: string;
  arabic: string;
}

export type Community = 'arab' | 'kurd';

const n = (latin: string, arabic: string): ScriptName => ({ latin, arabic });

export const givenNames: Record<Community, Record<'male' | 'female', readonly ScriptName[]>> = {
  arab: {
    male: [
      n('Ahmed', 'أحمد'), n('Mohammed', 'محمد'), n('Ali', 'علي'), n('Hussein', 'حسين'), n('Hassan', 'حسن'),
      n('Omar', 'عمر'), n('Mustafa', 'مصطفى'), n('Khalid', 'خالد'), n('Yousif', 'يوسف'), n('Ibrahim', 'إبراهيم'),
      n('Abbas', 'عباس'), n('Haider', 'حيدر'), n('Karim', 'كريم'), n('Salim', 'سليم'), n('Mahmoud', 'محمود'),
      n('Abdullah', 'عبدالله'), n('Jassim', 'جاسم'), n('Qasim', 'قاسم'), n('Saad', 'سعد'), n('Ammar', 'عمار'),
      n('Muthanna', 'مثنى'), n('Firas', 'فراس'), n('Waleed', 'وليد'), n('Hamid', 'حميد'),
    ],
    female: [
      n('Fatima', 'فاطمة'), n('Zainab', 'زينب'), n('Maryam', 'مريم'), n('Noor', 'نور'), n('Aisha', 'عائشة'),
      n('Huda', 'هدى'), n('Sara', 'سارة'), n('Layla', 'ليلى'), n('Rana', 'رنا'), n('Amal', 'أمل'),
      n('Shaima', 'شيماء'), n('Ruqaya', 'رقية'), n('Hanan', 'حنان'), n('Iman', 'إيمان'), n('Suad', 'سعاد'),
      n('Wafaa', 'وفاء'), n('Asmaa', 'أسماء'), n('Khadija', 'خديجة'), n('Duaa', 'دعاء'), n('Sabah', 'صباح'),
    ],
  },
  kurd: {
    male: [
      n('Karwan', 'کاروان'), n('Rebwar', 'ڕێبوار'), n('Dilshad', 'دڵشاد'), n('Hoshyar', 'هۆشیار'), n('Shwan', 'شوان'),
      n('Azad', 'ئازاد'), n('Sherzad', 'شێرزاد'), n('Baran', 'باران'), n('Diyar', 'دیار'), n('Soran', 'سۆران'),
      n('Zana', 'زانا'), n('Hemin', 'هێمن'), n('Aram', 'ئارام'), n('Bakhtiyar', 'بەختیار'), n('Dara', 'دارا'),
      n('Kawa', 'کاوە'), n('Nawzad', 'نەوزاد'), n('Sardar', 'سەردار'), n('Khudeda', 'خدێدا'), n('Khalaf', 'خەلەف'),
    ],
    female: [
      n('Shilan', 'شیلان'), n('Nasrin', 'نەسرین'), n('Bahar', 'بەهار'), n('Nazdar', 'نازدار'), n('Avin', 'ئاڤین'),
      n('Rojin', 'ڕۆژین'), n('Dilan', 'دیلان'), n('Shno', 'شنۆ'), n('Berivan', 'بێریڤان'), n('Sozan', 'سۆزان'),
      n('Kazhal', 'کەژاڵ'), n('Hiwa', 'هیوا'), n('Gulala', 'گوڵاڵە'), n('Tavga', 'تاڤگە'), n('Parwin', 'پەروین'),
      n('Zhino', 'ژینۆ'), n('Jilan', 'جیلان'),
    ],
  },
};

/** Family or lineage names; many Kurdish families use a forefather's given name. */
export const familyNames: Record<Community, readonly ScriptName[]> = {
  arab: [
    n('Al-Jubouri', 'الجبوري'), n('Al-Obeidi', 'العبيدي'), n('Al-Tamimi', 'التميمي'), n('Al-Dulaimi', 'الدليمي'),
    n('Al-Shammari', 'الشمري'), n('Al-Zubaidi', 'الزبيدي'), n('Al-Khafaji', 'الخفاجي'), n('Al-Rubaie', 'الربيعي'),
    n('Al-Saadi', 'الساعدي'), n('Al-Hashimi', 'الهاشمي'), n('Al-Janabi', 'الجنابي'), n('Al-Azzawi', 'العزاوي'),
    n('Al-Mosawi', 'الموسوي'), n('Al-Bayati', 'البياتي'), n('Al-Hamdani', 'الحمداني'),
  ],
  kurd: [
    n('Qadir', 'قادر'), n('Aziz', 'عەزیز'), n('Hama Amin', 'حەمە ئەمین'), n('Salih', 'ساڵح'), n('Othman', 'عوسمان'),
    n('Jalal', 'جەلال'), n('Mirza', 'میرزا'), n('Rasul', 'ڕەسوڵ'), n('Abdulrahman', 'عەبدولڕەحمان'),
    n('Mahmud', 'مەحمود'), n('Faraj', 'فەرەج'), n('Hawrami', 'هەورامی'), n('Zebari', 'زێباری'), n('Doski', 'دۆسکی'),
    n('Berwari', 'بەرواری'),
  ],
};
