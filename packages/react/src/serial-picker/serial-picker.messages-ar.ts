import type { SerialgraphMessagesOverride } from '../common/messages';

// Arabic strings of SerialPicker for the right-to-left story (a subset: the rest stays English).
export const arabicPickerMessages: SerialgraphMessagesOverride = {
  picker: {
    listLabel: () => 'الوحدات المتاحة',
    searchLabel: 'ابحث أو امسح رقماً تسلسلياً',
    searchPlaceholder: 'اكتب للتصفية، أو امسح الرقم ثم Enter',
    searchHint: 'الكتابة تصفّي القائمة. الرقم الكامل مع Enter يختار الوحدة.',
    loading: 'جارٍ تحميل الوحدات…',
    total: (_count, formatted) => `${formatted} وحدة`,
    pickedCount: (_count, formatted, max, maxFormatted) =>
      max === undefined ? `تم اختيار ${formatted}` : `تم اختيار ${formatted} من ${maxFormatted}`,
    received: (date) => `استُلمت ${date}`,
    repaired: () => 'أُصلحت',
    onHold: (reason) => (reason ? `موقوفة: ${reason}` : 'موقوفة'),
    internalCode: (code) => `الرمز الداخلي ${code}`,
    pickCountLabel: 'العدد',
    pickOldest: 'اختر الأقدم',
    pickedHeading: 'الوحدات المختارة',
    remove: (number) => `إزالة ${number}`,
    clear: 'إزالة الكل',
    picked: (number) => `تم اختيار ${number}.`,
  },
};
