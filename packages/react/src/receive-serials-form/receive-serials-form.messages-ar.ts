import type { SerialgraphMessagesOverride } from '../common/messages';

// Arabic strings of ReceiveSerialsForm for the right-to-left story (a subset: the rest stays English).
export const arabicReceiveMessages: SerialgraphMessagesOverride = {
  receive: {
    formLabel: 'استلام أرقام تسلسلية',
    title: (product, sku) => `استلام ${product} (${sku})`,
    formatHint: (format) => `صيغة الرقم: ${format}`,
    inputLabel: 'الأرقام التسلسلية',
    inputPlaceholder: 'امسح أو اكتب ثم Enter، أو الصق قائمة',
    inputHint: 'امسح الرقم أو اكتبه ثم Enter. الصق قائمة. النطاقات: DEV-00121..DEV-00125',
    add: 'إضافة',
    listLabel: 'الأرقام المدخلة',
    listHint: '↑ ↓ للتنقل، Enter للتعديل، Delete للحذف.',
    columnNumber: 'الرقم التسلسلي',
    columnVerdict: 'الفحص',
    columnActions: 'إجراءات',
    empty: 'لا توجد أرقام بعد.',
    ok: 'سليم',
    checking: 'جارٍ الفحص…',
    exists: 'مسجّل مسبقاً لهذا المنتج.',
    edit: (number) => `تعديل ${number}`,
    remove: (number) => `إزالة ${number}`,
    clear: 'إزالة الكل',
    submit: ({ formatted }) => `استلام ${formatted}`,
    counter: (accepted, expected) =>
      expected ? `${accepted.formatted} من ${expected.formatted}` : accepted.formatted,
    missing: ({ count, formatted }) => (count > 0 ? `ينقص ${formatted}` : 'اكتمل العدد'),
    toFix: ({ formatted }) => `${formatted} للتصحيح`,
  },
};
