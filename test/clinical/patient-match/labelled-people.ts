/**
 * The labelled set of the duplicate check: synthetic people (names combined from common Arabic and Kurdish
 * names, no real person), each registered two or three times the way it happens in the field: by other
 * staff, at another site, in the other script or another Latin spelling, with an estimated age, without the
 * family name, with a new phone. People are grouped in clusters of those easily mistaken for one another:
 * brothers and sisters, cousins, strangers who share a family name, a name or a birth year.
 *
 * A record: `gender|birth|given names|family|phone|governorate|district|site`, empty fields allowed; a
 * birth of `~1988` is a year from an estimated age.
 */
export interface LabelledCluster {
  label: string;
  /** each person's records */
  people: string[][];
}

export const clusters: LabelledCluster[] = [
  {
    label: 'Jubouri household, Mosul: brothers, a sister and a cousin of the same age',
    people: [
      [
        'M|1988-03-04|Mohammed Ali Hussein|Al-Jubouri|07701234567|Ninewa|Mosul|A1',
        'M|~1988|محمد علي حسين|الجبوري|+964 770 123 4567|نينوى|الموصل|A2',
        'M|~1987|Muhammad Ali|Aljuburi||Ninewa||A1',
      ],
      [
        'M|1991-07-15|Ahmed Ali Hussein|Al-Jubouri|07701234567|Ninewa|Mosul|A1',
        'M|~1990|أحمد علي|الجبوري|07701234567|نينوى||A1',
      ],
      [
        'F|~1993|Fatima Ali Hussein|Al-Jubouri|07701234567|Ninewa|Mosul|A1',
        'F|~1994|فاطمة علي حسين|الجبوري||نينوى|الموصل|A2',
      ],
      [
        'M|~1988|Mohammed Hasan Hussein|Al-Jubouri|07504445566|Ninewa|Mosul|A1',
        'M|~1989|محمد حسن حسين|الجبوري|07504445566|نينوى||A1',
      ],
    ],
  },
  {
    label: 'Abdullah / Abd Allah, and twins',
    people: [
      [
        'M|~1975|Abdullah Kadhim Jasim|Al-Dulaimi|07811112222|Anbar|Ramadi|A2',
        'M|~1976|عبد الله كاظم جاسم|الدليمي|07811112222|الأنبار|الرمادي|A2',
        'M|1975-01-01|Abd Allah Kazim|Dulaymi||Anbar||A1',
      ],
      [
        'M|2003-05-20|Omar Abdullah Kadhim|Al-Dulaimi|07811112222|Anbar|Ramadi|A2',
        'M|2003-05-20|عمر عبدالله كاظم|الدليمي||الانبار||A2',
      ],
      [
        'M|2003-05-20|Othman Abdullah Kadhim|Al-Dulaimi|07811112222|Anbar|Ramadi|A2',
        'M|~2003|عثمان عبد الله كاظم|الدليمي|07811112222|الأنبار||A2',
      ],
    ],
  },
  {
    label: 'Abd al-Rahman written together and apart; a brother Abd al-Karim',
    people: [
      [
        'M|~1969|Abdulrahman Saleh Hamid|Al-Obaidi|07719998877|Kirkuk|Hawija|A1',
        'M|~1970|عبد الرحمن صالح حميد|العبيدي||كركوك|الحويجة|A1',
        'M|~1968|Abd al-Rahman Salih|Obeidi|+9647719998877|Kirkuk||A2',
      ],
      [
        'M|~1972|Abdulkarim Saleh Hamid|Al-Obaidi|07719998877|Kirkuk|Hawija|A1',
        'M|~1973|عبدالكريم صالح حميد|العبيدي||كركوك||A1',
      ],
      [
        'F|~1995|Zainab Abdulrahman Saleh|Al-Obaidi|07719998877|Kirkuk|Hawija|A1',
        'F|~1996|زينب عبدالرحمن صالح|العبيدي|07719998877|كركوك||A1',
      ],
    ],
  },
  {
    label: 'Hasan and Hussein, cousins of nearly the same age',
    people: [
      [
        'M|~1990|Hussein Kareem Abbas|Al-Shammari|07905551234|Baghdad|Karkh|A1',
        'M|~1991|حسين كريم عباس|الشمري|07905551234|بغداد|الكرخ|A1',
        'M|~1990|Husain Karim|Shammari||Baghdad||A2',
      ],
      [
        'M|~1990|Hasan Kareem Abbas|Al-Shammari|07906667788|Baghdad|Karkh|A1',
        'M|~1989|حسن كريم عباس|الشمري|07906667788|بغداد||A1',
      ],
      [
        'M|~1992|Hassan Jafar Abbas|Al-Shammari||Baghdad|Karkh|A1',
        'M|~1992|حسن جعفر عباس|الشمري|07901110000|بغداد||A1',
      ],
    ],
  },
  {
    label: 'Yazidi family from Sinjar in Duhok camps: Kurmanji names in Latin and Arabic script',
    people: [
      [
        'F|~1998|Hêvî Xidir Qasim|Haji|07507771111|Duhok|Sumel|A1',
        'F|~1998|هیڤی خدر قاسم|حاجي|07507771111|دهوك|سميل|A1',
        'F|~1997|Hevi Khidir|Haji||Duhok||A2',
      ],
      [
        'F|~2001|Nareen Xidir Qasim|Haji|07507771111|Duhok|Sumel|A1',
        'F|~2000|نارين خدر قاسم|حاجي|07507771111|دهوك||A1',
      ],
      [
        'M|~1996|Dilovan Xidir Qasim|Haji|07507771111|Duhok|Sumel|A1',
        'M|~1996|دلوڤان خدر قاسم|حاجي||دهوك|سميل|A1',
        'M|~1995|Dilowan Khidir Qasim|Haji|07507771111|Duhok||A1',
      ],
    ],
  },
  {
    label: 'Sorani names, Sulaymaniyah: Kurdish letters and Arabic keyboards',
    people: [
      [
        'M|1985-11-02|Rebwar Aziz Mahmoud|Barzinji|07701002003|Sulaymaniyah|Sharbazher|A2',
        'M|1985-11-02|ڕێبوار عەزیز مەحمود|بەرزنجی|07701002003|السليمانية||A2',
        'M|~1985|ريبوار عزيز محمود|برزنجي||السليمانية||A1',
      ],
      [
        'M|1987-04-09|Shwan Aziz Mahmoud|Barzinji|07701002003|Sulaymaniyah|Sharbazher|A2',
        'M|~1987|شوان عزیز مەحمود|بەرزنجی|07701002003|السليمانية||A2',
      ],
      [
        'F|~1989|Runak Aziz Mahmoud|Barzinji|07701002003|Sulaymaniyah|Sharbazher|A2',
        'F|~1990|ڕووناک عزيز محمود|برزنجي||السليمانية||A2',
      ],
    ],
  },
  {
    label: 'Strangers sharing a very common name and family',
    people: [
      [
        'M|~1980|Ali Hussein Jasim|Al-Tamimi|07712223344|Diyala|Baqubah|A1',
        'M|~1981|علي حسين جاسم|التميمي|07712223344|ديالى|بعقوبة|A1',
      ],
      [
        'M|~1994|Ali Hussein Kadhim|Al-Tamimi|07815556677|Diyala|Khalis|A2',
        'M|~1994|على حسين كاظم|التميمى|07815556677|ديالى||A2',
      ],
      [
        'M|~1962|Ali Hussein Jasim|Al-Tamimi|07709990000|Baghdad|Rusafa|A1',
        'M|~1960|علي حسين جاسم|التميمي||بغداد||A1',
      ],
    ],
  },
  {
    label: 'Mother and daughter of the same name line; a girl registered by a caseworker and a school',
    people: [
      [
        'F|~1978|Maryam Ahmed Salih||07724445555|Ninewa|Hamdaniya|A1',
        'F|~1979|مريم أحمد صالح||07724445555|نينوى|الحمدانية|A2',
      ],
      [
        'F|2009-09-01|Nour Ibrahim Ahmed||07724445555|Ninewa|Hamdaniya|A1',
        'F|2009-09-01|نور إبراهيم أحمد|||نينوى||A1',
        'F|~2009|Noor Ebrahim|||Ninewa||A2',
      ],
      [
        'F|2011-02-14|Huda Ibrahim Ahmed||07724445555|Ninewa|Hamdaniya|A1',
        'F|~2011|هدى ابراهيم احمد||07724445555|نينوى||A1',
      ],
    ],
  },
  {
    label: 'Taa marbuta, alef maqsura and hamza forms',
    people: [
      [
        'F|~1983|Khadija Musa Isa|Al-Musawi|07800001111|Basra|Zubair|A1',
        'F|~1983|خديجه موسي عيسي|الموسوي|07800001111|البصرة|الزبير|A1',
        'F|~1984|خديجة موسى عيسى|موسوي||البصره||A2',
      ],
      [
        'F|~1986|Aisha Musa Isa|Al-Musawi|07800001111|Basra|Zubair|A1',
        'F|~1986|عائشة موسى عيسى|الموسوي||البصرة||A1',
      ],
      [
        'F|~1983|Khadija Yunis Isa|Al-Musawi|07833334444|Basra|Zubair|A1',
        'F|~1982|خديجة يونس عيسى|الموسوي|07833334444|البصرة||A1',
      ],
    ],
  },
  {
    label: 'Diacritics and tatweel in Arabic script',
    people: [
      [
        'M|1999-12-30|مُحَمَّد جَعْفَر هاشم|الحسيني|07601231234|Karbala|Hindiya|A2',
        'M|1999-12-30|محـــمد جعفر هاشم|الحسيني|07601231234|كربلاء||A2',
        'M|~1999|Mohamed Jaafar Hashim|Al-Husseini||Karbala||A1',
      ],
      [
        'M|2001-06-06|مَهدي جعفر هاشم|الحسيني|07601231234|Karbala|Hindiya|A2',
        'M|2001-06-06|مهدي جعفر هاشم|الحسيني||كربلاء||A2',
      ],
    ],
  },
  {
    label: 'Mustafa / Mostafa / Mistefa and Mahmoud / Mehmud, Erbil',
    people: [
      [
        'M|~1972|Mustafa Mahmoud Rashid|Hawrami|07504567890|Erbil|Soran|A1',
        'M|~1972|Mistefa Mehmud Reshid|Hewramî|07504567890|Hewlêr|Soran|A2',
        'M|~1973|مصطفى محمود رشيد|هەورامی||أربيل|سوران|A1',
      ],
      [
        'M|~1998|Karwan Mustafa Mahmoud|Hawrami|07504567890|Erbil|Soran|A1',
        'M|~1998|کاروان مستەفا مەحمود|هەورامی|07504567890|أربيل||A1',
      ],
      [
        'M|~1972|Mustafa Mahmoud Salih|Hawrami|07509876543|Erbil|Shaqlawa|A1',
        'M|~1971|مصطفى محمود صالح|هەورامی|07509876543|أربيل||A1',
      ],
    ],
  },
  {
    label: 'Yousif / Yusuf / Yousef, and a father and son named in a line',
    people: [
      [
        'M|~1958|Yousif Ismail Dawood|Al-Ubaidi|07711231231|Salahaddin|Tikrit|A1',
        'M|~1960|يوسف إسماعيل داود|العبيدي|07711231231|صلاح الدين|تكريت|A1',
        'M|~1957|Yusuf Ismael Dawud|Obaidi||Salahaddin||A2',
      ],
      [
        'M|~1984|Ismail Yousif Ismail|Al-Ubaidi|07711231231|Salahaddin|Tikrit|A1',
        'M|~1985|إسماعيل يوسف إسماعيل|العبيدي||صلاح الدين||A1',
      ],
      [
        'M|~2010|Yousef Ismail Yousif|Al-Ubaidi|07711231231|Salahaddin|Tikrit|A1',
        'M|~2010|يوسف اسماعيل يوسف|العبيدي|07711231231|صلاح الدين||A1',
      ],
    ],
  },
  {
    label: 'Women registered with and without the family name, phones changed',
    people: [
      [
        'F|~1991|Iman Khalid Hamid||07507654321|Duhok|Zakho|A1',
        'F|~1991|إيمان خالد حميد|الدوسكي|07812345678|دهوك|زاخو|A2',
        'F|~1992|Eman Khaled|Doski||Duhok||A1',
      ],
      [
        'F|~1993|Asma Khalid Hamid||07507654321|Duhok|Zakho|A1',
        'F|~1993|أسماء خالد حميد|الدوسكي||دهوك||A1',
      ],
      [
        'F|~1991|Iman Khalil Hamid|Doski|07504443322|Duhok|Zakho|A1',
        'F|~1990|ايمان خليل حميد|دوسكي|07504443322|دهوك||A1',
      ],
    ],
  },
  {
    label: 'Nur al-Din and Ala al-Din written together and apart',
    people: [
      [
        'M|~1966|Nuraddin Qasim Younis|Al-Dulaimi|07722229999|Anbar|Fallujah|A2',
        'M|~1966|نور الدين قاسم يونس|الدليمي|07722229999|الأنبار|الفلوجة|A2',
        'M|~1967|Nour al-Deen Kasim|Dulaimi||Anbar||A1',
      ],
      [
        'M|~1969|Aladdin Qasim Younis|Al-Dulaimi|07722229999|Anbar|Fallujah|A2',
        'M|~1969|علاء الدين قاسم يونس|الدليمي||الأنبار||A2',
      ],
    ],
  },
  {
    label: 'Sorani women, Halabja: Shilan and Shirin, Chnar and Chinar',
    people: [
      [
        'F|~1976|Chnar Omar Saeed|Jaff|07705556666|Halabja|Halabja|A2',
        'F|~1976|چنار عومەر سەعید|جاف|07705556666|حلبجة|حلبجة|A2',
        'F|~1975|Chinar Omer Said|Jaf||Halabja||A1',
      ],
      [
        'F|~1980|Shilan Omar Saeed|Jaff|07705556666|Halabja|Halabja|A2',
        'F|~1981|شیلان عومەر سەعید|جاف||حلبجة||A2',
      ],
      [
        'F|~1980|Shirin Omar Saeed|Jaff|07707778888|Halabja|Halabja|A2',
        'F|~1980|شيرين عمر سعيد|جاف|07707778888|حلبجة||A2',
      ],
    ],
  },
  {
    label: 'Kurmanji names in Duhok: Berivan, Azad, Sherko',
    people: [
      [
        'F|~1994|Bêrîvan Azad Ramadan|Sindi|07501112233|Duhok|Semel|A1',
        'F|~1994|بێریڤان ئازاد ڕەمەزان|سندی|07501112233|دهوك||A1',
        'F|~1995|Berivan Azad|Sindi||Duhok||A2',
      ],
      [
        'M|~1992|Sherko Azad Ramadan|Sindi|07501112233|Duhok|Semel|A1',
        'M|~1992|شێرکۆ ئازاد ڕەمەزان|سندی||دهوك||A1',
        'M|~1991|Shirko Azad Ramazan|Sindi|07501112233|Duhok||A1',
      ],
      [
        'M|~1992|Azad Sherko Ramadan|Sindi|07509998888|Duhok|Semel|A1',
        'M|~1993|ئازاد شێرکۆ ڕەمەزان|سندی|07509998888|دهوك||A1',
      ],
    ],
  },
  {
    label: 'Same name, same year, different gender',
    people: [
      [
        'M|~2005|Nour Haider Abbas|Al-Musawi|07700007777|Najaf|Kufa|A1',
        'M|~2005|نور حيدر عباس|الموسوي|07700007777|النجف|الكوفة|A1',
      ],
      [
        'F|~2005|Nour Haider Abbas|Al-Musawi|07700008888|Najaf|Kufa|A1',
        'F|~2005|نور حيدر عباس|الموسوي|07700008888|النجف||A1',
      ],
    ],
  },
  {
    label: 'Documented birth dates: the same year, other days',
    people: [
      [
        'F|2015-03-10|Sara Ahmed Jasim|Al-Tamimi|07719191919|Baghdad|Kadhimiya|A1',
        'F|2015-03-10|سارة أحمد جاسم|التميمي|07719191919|بغداد||A2',
        'F|2015-03-10|Sarah Ahmad|Tamimi||Baghdad||A1',
      ],
      [
        'F|2015-08-22|Sara Ahmed Jasim|Al-Tamimi|07728282828|Baghdad|Adhamiya|A1',
        'F|2015-08-22|سارة احمد جاسم|التميمي|07728282828|بغداد||A1',
      ],
    ],
  },
  {
    label: 'Older people: estimated ages far apart on two registrations',
    people: [
      [
        'F|~1955|Salma Younis Dawood|Al-Jubouri|07830303030|Ninewa|Tel Afar|A1',
        'F|~1958|سلمى يونس داود|الجبوري|07830303030|نينوى|تلعفر|A2',
        'F|~1956|Selma Yunus|Jubouri||Ninewa||A1',
      ],
      [
        'F|~1975|Salma Younis Dawood|Al-Jubouri|07840404040|Ninewa|Tel Afar|A1',
        'F|~1976|سلمى يونس داود|الجبوري||نينوى||A1',
      ],
    ],
  },
  {
    label: 'Khalid / Xalid, Qasim / Gasim, Kadhim / Kazim; a moved family',
    people: [
      [
        'M|~1979|Khalid Qasim Kadhim|Al-Shammari|07811223344|Kirkuk|Daquq|A1',
        'M|~1979|Xalid Gasim Kazim|Shammari|07811223344|Sulaymaniyah|Chamchamal|A2',
        'M|~1980|خالد قاسم كاظم|الشمري||كركوك||A1',
      ],
      [
        'M|~2004|Kadhim Khalid Qasim|Al-Shammari|07811223344|Kirkuk|Daquq|A1',
        'M|~2004|كاظم خالد قاسم|الشمري||كركوك||A1',
      ],
      [
        'M|~1979|Khalil Qasim Kadhim|Al-Shammari|07899887766|Kirkuk|Daquq|A1',
        'M|~1979|خليل قاسم كاظم|الشمري|07899887766|كركوك||A1',
      ],
    ],
  },
  {
    label: 'Sorani: Hawre / Hawri, Zhiyar / Jiyar, Awat, brothers close in age',
    people: [
      [
        'M|~2000|Hawre Awat Sherko|Zebari|07504040404|Erbil|Koya|A2',
        'M|~2000|هاوڕێ ئاوات شێرکۆ|زێباری|07504040404|أربيل|كويه|A2',
        'M|~2001|Hawri Awat|Zebari||Erbil||A1',
      ],
      [
        'M|~2002|Zhiyar Awat Sherko|Zebari|07504040404|Erbil|Koya|A2',
        'M|~2002|ژیار ئاوات شێرکۆ|زێباری||أربيل||A2',
        'M|~2003|Jiyar Awat Sherko|Zebari|07504040404|Erbil||A2',
      ],
    ],
  },
  {
    label: 'Sulaiman / Suleiman / Sileman; a namesake in another governorate',
    people: [
      [
        'M|~1970|Suleiman Dawood Musa|Mizouri|07502020202|Duhok|Amedi|A1',
        'M|~1970|سليمان داود موسى|ميزوري|07502020202|دهوك|العمادية|A1',
        'M|~1969|Sileman Dawid Musa|Mizuri||Duhok||A2',
      ],
      [
        'M|~1970|Sulaiman Dawood Musa|Mizouri|07713131313|Erbil|Soran|A2',
        'M|~1971|سليمان داود موسى|ميزوري||أربيل||A2',
      ],
    ],
  },
  {
    label: 'Layla / Leila / Laila and Ruqaya / Ruqayya, sisters',
    people: [
      [
        'F|~1997|Layla Hamid Rashid|Al-Obaidi|07820202020|Salahaddin|Samarra|A1',
        'F|~1997|ليلى حميد رشيد|العبيدي|07820202020|صلاح الدين|سامراء|A1',
        'F|~1996|Leila Hameed|Obaidi||Salahaddin||A2',
      ],
      [
        'F|~1999|Ruqaya Hamid Rashid|Al-Obaidi|07820202020|Salahaddin|Samarra|A1',
        'F|~1999|رقية حميد رشيد|العبيدي||صلاح الدين||A1',
        'F|~2000|Ruqayya Hameed Rasheed|Al-Obaidi|07820202020|Salahaddin||A1',
      ],
    ],
  },
  {
    label: 'Kurdish names in Latin only, spelt by different caseworkers',
    people: [
      [
        'F|~1988|Pakhshan Bakhtiyar Goran|Baban|07511119999|Sulaymaniyah|Penjwen|A2',
        'F|~1988|Paxshan Baxtiyar Goran|Baban||Sulaymaniyah||A1',
        'F|~1987|Pakhshan Bakhtiar|Baban|07511119999|Sulaymaniyah||A2',
      ],
      [
        'F|~1990|Khanzad Bakhtiyar Goran|Baban|07511119999|Sulaymaniyah|Penjwen|A2',
        'F|~1990|Xanzad Baxtiyar Goran|Baban||Sulaymaniyah||A2',
      ],
      [
        'M|~1988|Hemin Bakhtiyar Goran|Baban|07511119999|Sulaymaniyah|Penjwen|A2',
        'M|~1988|Hêmin Bextiyar Goran|Baban||Sulaymaniyah||A2',
      ],
    ],
  },
  {
    label: 'Sorani names in Arabic script only, typed on Kurdish and Arabic keyboards',
    people: [
      [
        'F|~1993|لانا دلشاد ئارام|سۆرچی|07712121212|أربيل|رواندز|A1',
        'F|~1993|لانا دلشاد ارام|سورچي|07712121212|اربيل||A1',
        'F|~1994|لانا دلشاد|سۆرچی||أربيل||A2',
      ],
      [
        'F|~1995|تارا دلشاد ئارام|سۆرچی|07712121212|أربيل|رواندز|A1',
        'F|~1995|تارا دلشاد ارام|سورچي||اربيل||A1',
      ],
      [
        'M|~1960|دلشاد ئارام کاوە|سۆرچی|07712121212|أربيل|رواندز|A1',
        'M|~1962|دلشاد ارام كاوه|سورچي||اربيل||A1',
      ],
    ],
  },
  {
    label: 'Children of one family at one site, one birth year apart',
    people: [
      [
        'M|~2012|Yasin Haider Jafar|Al-Husseini|07609090909|Karbala|Ain Tamur|A2',
        'M|~2012|ياسين حيدر جعفر|الحسيني|07609090909|كربلاء||A2',
        'M|~2013|Yaseen Hayder|Husseini||Karbala||A2',
      ],
      [
        'M|~2013|Taha Haider Jafar|Al-Husseini|07609090909|Karbala|Ain Tamur|A2',
        'M|~2013|طه حيدر جعفر|الحسيني||كربلاء||A2',
      ],
      [
        'F|~2014|Bushra Haider Jafar|Al-Husseini|07609090909|Karbala|Ain Tamur|A2',
        'F|~2014|بشرى حيدر جعفر|الحسيني||كربلاء||A2',
      ],
    ],
  },
  {
    label: 'Registered once with the full date, once with an age, and with a typing slip',
    people: [
      [
        'F|1986-05-05|Jamila Saeed Amin|Al-Dulaimi|07733335555|Anbar|Heet|A1',
        'F|~1986|Jameela Saied Ameen|Dulaimi|07733335555|Anbar||A2',
        'F|~1987|Jamlia Saeed Amin|Al-Dulaimi||Anbar|Heet|A1',
      ],
      [
        'F|1986-05-05|Nadia Saeed Amin|Al-Dulaimi|07744446666|Anbar|Heet|A1',
        'F|~1986|نادية سعيد أمين|الدليمي||الأنبار||A1',
      ],
    ],
  },
  {
    label: 'Suad and Souad, Hoda and Huda: one neighbourhood, unrelated women',
    people: [
      [
        'F|~1965|Suad Jasim Hashim|Al-Tamimi|07751515151|Baghdad|Dora|A1',
        'F|~1965|سعاد جاسم هاشم|التميمي|07751515151|بغداد|الدورة|A1',
        'F|~1964|Souad Jassim Hashem||07751515151|Baghdad||A2',
      ],
      [
        'F|~1966|Huda Jasim Hashim|Al-Jubouri|07762626262|Baghdad|Dora|A1',
        'F|~1966|هدى جاسم هاشم|الجبوري|07762626262|بغداد||A1',
      ],
      [
        'F|~1965|Suad Qasim Hashim|Al-Tamimi|07773737373|Baghdad|Dora|A1',
        'F|~1965|سعاد قاسم هاشم|التميمي||بغداد||A1',
      ],
    ],
  },
  {
    label: 'Shaima and Asmaa, Ibrahim and Ismail: one letter apart in the skeleton',
    people: [
      [
        'F|~2002|Shaimaa Ibrahim Salih|Al-Shammari|07784848484|Ninewa|Sinjar|A1',
        'F|~2002|شيماء إبراهيم صالح|الشمري|07784848484|نينوى|سنجار|A2',
      ],
      [
        'F|~2002|Shaimaa Ismail Salih|Al-Shammari|07795959595|Ninewa|Sinjar|A1',
        'F|~2003|شيماء اسماعيل صالح|الشمري|07795959595|نينوى||A1',
      ],
    ],
  },
];
