import type { Messages } from './messages.js';

/**
 * SMS template categories and templates (admin screens and their refusals). Terms are the product guide's:
 * 분류 (1단계 / 2단계, 상위 / 하위), 템플릿, 사용 / 미사용, 편집 가능, 발송 유형, 발신번호.
 */
export const smsTemplateMessages = {
  // Refusals and field problems (use cases)
  'smsTemplates.smsOff': {
    ko: '이 서비스는 SMS 발송을 사용하지 않습니다. 관리자가 `/switchboard settings`에서 켤 수 있습니다.',
    en: 'SMS is switched off for this service. An admin can switch it on in `/switchboard settings`.',
  },
  'smsTemplates.categoryNotFound': {
    ko: '분류를 찾을 수 없습니다. 이미 삭제되었을 수 있습니다.',
    en: 'Category not found. It may have been deleted already.',
  },
  'smsTemplates.templateNotFound': {
    ko: '템플릿을 찾을 수 없습니다. 이미 삭제되었을 수 있습니다.',
    en: 'Template not found. It may have been deleted already.',
  },
  'smsTemplates.nameRequired': { ko: '이름을 입력하세요.', en: 'Enter a name.' },
  'smsTemplates.nameTooLong': {
    ko: '이름은 {max}자까지 쓸 수 있습니다.',
    en: 'A name can have at most {max} characters.',
  },
  'smsTemplates.nameTaken': {
    ko: '같은 위치에 이미 "{name}" 분류가 있습니다.',
    en: 'There is already a category "{name}" at this level.',
  },
  'smsTemplates.parentNotFound': {
    ko: '상위 분류를 찾을 수 없습니다.',
    en: 'The parent category was not found.',
  },
  'smsTemplates.twoLevelsOnly': {
    ko: '분류는 2단계까지만 만들 수 있습니다. "{parent}"은(는) 2단계 분류라 그 아래에 분류를 둘 수 없습니다.',
    en: 'Categories have at most two levels. "{parent}" is a second-level category, so it cannot hold categories.',
  },
  'smsTemplates.hasSubCategories': {
    ko: '"{name}"에는 하위 분류가 있어 다른 분류 아래로 옮길 수 없습니다 (분류는 2단계까지).',
    en: '"{name}" has sub-categories, so it cannot move under another category (two levels at most).',
  },
  'smsTemplates.holdsTemplates': {
    ko: '이 분류에는 템플릿 {count}개가 있어 1단계 분류로 바꿀 수 없습니다. 템플릿은 2단계 분류 아래에만 둘 수 있습니다.',
    en: 'This category holds {count} template(s), so it cannot become a first-level category. Templates live only under second-level categories.',
  },
  'smsTemplates.templateNeedsSubCategory': {
    ko: '템플릿은 2단계 분류 아래에만 만들 수 있습니다. "{name}"은(는) 1단계 분류입니다.',
    en: 'Templates can only be created under a second-level category. "{name}" is a first-level category.',
  },
  'smsTemplates.typeInvalid': { ko: '발송 유형은 SMS 또는 MMS입니다.', en: 'The type is SMS or MMS.' },
  'smsTemplates.descriptionTooLong': {
    ko: '템플릿 설명은 {max}자까지 쓸 수 있습니다.',
    en: 'A description can have at most {max} characters.',
  },
  'smsTemplates.sendNoRequired': { ko: '발신번호를 선택하세요.', en: 'Choose a sender number.' },

  // Slack: the template screen
  'smsTemplates.modalTitle': { ko: 'SMS 템플릿 관리', en: 'SMS templates' },
  'smsTemplates.close': { ko: '닫기', en: 'Close' },
  'smsTemplates.cancel': { ko: '취소', en: 'Cancel' },
  'smsTemplates.save': { ko: '저장', en: 'Save' },
  'smsTemplates.delete': { ko: '삭제', en: 'Delete' },
  'smsTemplates.intro': {
    ko: '분류는 2단계까지 만들 수 있고, 템플릿은 2단계 분류 아래에만 둘 수 있습니다. 미사용 분류 아래의 템플릿은 문자 발송 목록에 나오지 않습니다.',
    en: 'Categories have at most two levels, and templates live only under a second-level category. Templates under a disabled category are not offered when sending.',
  },
  'smsTemplates.empty': {
    ko: '아직 분류가 없습니다. *분류 추가*로 시작하세요.',
    en: 'No categories yet. Start with *Add category*.',
  },
  'smsTemplates.treeHeading': { ko: '분류', en: 'Categories' },
  'smsTemplates.templateCount': { ko: '템플릿 {count}개', en: '{count} template(s)' },
  'smsTemplates.enabled': { ko: '사용', en: 'Enabled' },
  'smsTemplates.disabled': { ko: '미사용', en: 'Disabled' },
  'smsTemplates.disabledHides': {
    ko: '미사용 — 템플릿 {count}개가 발송 목록에서 숨겨집니다',
    en: 'disabled — hides {count} template(s) from sending',
  },
  'smsTemplates.hiddenByParent': {
    ko: '상위 분류가 미사용이라 숨겨짐',
    en: 'hidden: its parent category is disabled',
  },
  'smsTemplates.moreCategories': {
    ko: '…외 분류 {count}개 (선택 목록에서 고를 수 있습니다)',
    en: '…and {count} more categories (pick them from the list)',
  },
  'smsTemplates.addCategory': { ko: '분류 추가', en: 'Add category' },
  'smsTemplates.pickCategory': { ko: '분류 선택', en: 'Choose a category' },
  'smsTemplates.addSubCategory': { ko: '하위 분류 추가', en: 'Add sub-category' },
  'smsTemplates.addTemplate': { ko: '템플릿 추가', en: 'Add template' },
  'smsTemplates.edit': { ko: '수정', en: 'Edit' },
  'smsTemplates.enable': { ko: '사용으로 전환', en: 'Enable' },
  'smsTemplates.disable': { ko: '미사용으로 전환', en: 'Disable' },
  'smsTemplates.moveUp': { ko: '위로', en: 'Move up' },
  'smsTemplates.moveDown': { ko: '아래로', en: 'Move down' },
  'smsTemplates.firstLevel': { ko: '1단계 분류', en: 'First-level category' },
  'smsTemplates.secondLevel': { ko: '2단계 분류', en: 'Second-level category' },
  'smsTemplates.noTemplates': {
    ko: '이 분류에는 아직 템플릿이 없습니다.',
    en: 'This category has no templates yet.',
  },
  'smsTemplates.subCategoriesHint': {
    ko: '템플릿은 2단계 분류 아래에 만듭니다. 하위 분류를 추가하거나 목록에서 2단계 분류를 고르세요.',
    en: 'Templates go under a second-level category: add a sub-category or pick one from the list.',
  },
  'smsTemplates.moreTemplates': {
    ko: '…외 템플릿 {count}개는 이 화면에 다 보이지 않습니다.',
    en: '…and {count} more templates that do not fit on this screen.',
  },
  'smsTemplates.editable': { ko: '편집 가능', en: 'Editable' },
  'smsTemplates.locked': { ko: '편집 불가', en: 'Locked' },
  'smsTemplates.advertisement': { ko: '광고', en: 'Advertisement' },
  'smsTemplates.sendNoLine': { ko: '발신번호 {sendNo}', en: 'Sender {sendNo}' },
  'smsTemplates.withImage': { ko: '이미지 첨부', en: 'with image' },

  // Notices after an action
  'smsTemplates.categorySaved': { ko: '"{name}" 분류를 저장했습니다.', en: 'Saved category "{name}".' },
  'smsTemplates.categoryEnabled': {
    ko: '"{name}" 분류를 사용으로 바꿨습니다.',
    en: 'Enabled category "{name}".',
  },
  'smsTemplates.categoryDisabled': {
    ko: '"{name}" 분류를 미사용으로 바꿨습니다 — 템플릿 {count}개가 발송 목록에서 숨겨집니다.',
    en: 'Disabled category "{name}" — hides {count} template(s) from sending.',
  },
  'smsTemplates.categoryDeleted': {
    ko: '"{name}" 분류를 삭제했습니다 (하위 분류 {subCategories}개, 템플릿 {templates}개 포함).',
    en: 'Deleted category "{name}" (with {subCategories} sub-categories and {templates} templates).',
  },
  'smsTemplates.templateSaved': { ko: '"{name}" 템플릿을 저장했습니다.', en: 'Saved template "{name}".' },
  'smsTemplates.templateEnabled': {
    ko: '"{name}" 템플릿을 사용으로 바꿨습니다.',
    en: 'Enabled template "{name}".',
  },
  'smsTemplates.templateDisabled': {
    ko: '"{name}" 템플릿을 미사용으로 바꿨습니다.',
    en: 'Disabled template "{name}".',
  },
  'smsTemplates.templateDeleted': { ko: '"{name}" 템플릿을 삭제했습니다.', en: 'Deleted template "{name}".' },
  'smsTemplates.noSenderNumbers': {
    ko: '등록된 발신번호가 없어 템플릿을 만들 수 없습니다. 관리자가 `/switchboard settings`에서 발신번호를 등록하세요.',
    en: 'No sender number is registered, so templates cannot be made yet. An admin registers them in `/switchboard settings`.',
  },

  // Slack: the category form
  'smsTemplates.categoryFormNew': { ko: '분류 추가', en: 'Add category' },
  'smsTemplates.categoryFormEdit': { ko: '분류 수정', en: 'Edit category' },
  'smsTemplates.parentLabel': { ko: '상위 분류', en: 'Parent category' },
  'smsTemplates.parentNone': { ko: '없음 (1단계 분류)', en: 'None (first level)' },
  'smsTemplates.parentHint': {
    ko: '상위 분류를 고르면 그 아래 2단계 분류로 추가됩니다.',
    en: 'Pick a parent to add this as a second-level category under it.',
  },
  'smsTemplates.categoryNameLabel': { ko: '분류명', en: 'Category name' },
  'smsTemplates.usageLabel': { ko: '사용 여부', en: 'Status' },
  'smsTemplates.usageOption': { ko: '사용', en: 'Enabled' },
  'smsTemplates.usageHint': {
    ko: '미사용 분류와 그 아래 템플릿은 문자 발송 템플릿 목록에 나오지 않습니다.',
    en: 'A disabled category and every template below it are not offered when sending.',
  },

  // Slack: the template form
  'smsTemplates.templateFormNew': { ko: '템플릿 추가', en: 'Add template' },
  'smsTemplates.templateFormEdit': { ko: '템플릿 수정', en: 'Edit template' },
  'smsTemplates.categoryLabel': { ko: '분류', en: 'Category' },
  'smsTemplates.typeLabel': { ko: '발송 유형', en: 'Type' },
  'smsTemplates.typeSms': { ko: 'SMS (90바이트까지)', en: 'SMS (up to 90 bytes)' },
  'smsTemplates.typeMms': {
    ko: 'MMS (본문 2,000바이트, 제목, 이미지)',
    en: 'MMS (2,000-byte body, title, image)',
  },
  'smsTemplates.optionsLabel': { ko: '설정', en: 'Options' },
  'smsTemplates.optionEnabled': { ko: '사용 (발송 목록에 노출)', en: 'Enabled (offered when sending)' },
  'smsTemplates.optionEditable': {
    ko: '편집 가능 (발송 화면에서 본문 수정 가능)',
    en: 'Editable (the body can be changed when sending)',
  },
  'smsTemplates.optionAdvertisement': { ko: '광고 문자', en: 'Advertisement' },
  'smsTemplates.templateNameLabel': { ko: '템플릿 명', en: 'Template name' },
  'smsTemplates.descriptionLabel': { ko: '템플릿 설명', en: 'Description' },
  'smsTemplates.sendNoLabel': { ko: '발신번호', en: 'Sender number' },
  'smsTemplates.titleLabel': { ko: '제목 (MMS)', en: 'Title (MMS)' },
  'smsTemplates.titleHint': { ko: 'MMS만 40바이트까지.', en: 'MMS only, up to 40 bytes.' },
  'smsTemplates.bodyLabel': { ko: '본문', en: 'Body' },
  'smsTemplates.bodyHint': {
    ko: 'SMS는 90바이트, MMS는 2,000바이트까지 (한글 2바이트, 영문·숫자 1바이트).',
    en: 'SMS up to 90 bytes, MMS up to 2,000 bytes (Hangul 2 bytes, Latin letters and digits 1).',
  },
  'smsTemplates.imageLabel': { ko: '이미지 (MMS)', en: 'Image (MMS)' },
  'smsTemplates.imageHint': {
    ko: 'JPG 한 장, 300KB 이하. 비워 두면 지금 이미지를 유지합니다.',
    en: 'One JPG up to 300 KB. Leave empty to keep the current image.',
  },
  'smsTemplates.imageCurrent': { ko: '이미지가 첨부되어 있습니다.', en: 'An image is attached.' },
  'smsTemplates.imageRemove': { ko: '이미지 삭제', en: 'Remove the image' },
  'smsTemplates.imageNotJpeg': {
    ko: 'JPG 파일만 첨부할 수 있습니다 ("{fileName}").',
    en: 'Only JPG files can be attached ("{fileName}").',
  },
  'smsTemplates.imageUnreadable': {
    ko: '첨부한 파일을 Slack에서 받지 못했습니다. 다시 첨부해 주세요.',
    en: 'The attached file could not be downloaded from Slack. Attach it again.',
  },

  // Slack: delete confirmations
  'smsTemplates.deleteTitle': { ko: '삭제 확인', en: 'Confirm delete' },
  'smsTemplates.deleteCategoryQuestion': {
    ko: '"{name}" 분류를 삭제할까요?',
    en: 'Delete the category "{name}"?',
  },
  'smsTemplates.deleteCategoryCascade': {
    ko: '하위 분류 {subCategories}개와 템플릿 {templates}개가 함께 삭제됩니다. 되돌릴 수 없습니다.',
    en: '{subCategories} sub-categories and {templates} templates will be deleted with it. This cannot be undone.',
  },
  'smsTemplates.deleteTemplateQuestion': {
    ko: '"{name}" 템플릿을 삭제할까요? 되돌릴 수 없습니다.',
    en: 'Delete the template "{name}"? This cannot be undone.',
  },
} as const satisfies Messages;
