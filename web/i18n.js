// The page's words in English and Chinese; elements carry data-i18n keys.
'use strict';
const CARTA_I18N = {
  en: {},
  zh: {
    'tab.evidence': '证据', 'tab.meta': 'Meta 分析', 'tab.tox': '毒性分级', 'tab.lit': '文献检索', 'tab.screen': '文献筛选',
    'ev.target': '靶点', 'ev.indication': '适应症', 'ev.load': '显示队列', 'ev.products': '产品', 'ev.cohorts': '队列',
    'meta.outcome': '结局', 'meta.method': '方法', 'meta.measure': '效应量', 'meta.target': '靶点', 'meta.by': '亚组',
    'meta.reproduce': '命令行重现：',
    'tox.temp': '体温 °C', 'tox.hypotension': '低血压', 'tox.hypoxia': '低氧', 'tox.grade': '分级',
    'tox.creatinine': '肌酐 mg/dL', 'tox.platelets': '血小板 10⁹/L', 'tox.compute': '计算',
    'lit.search': '检索', 'lit.history': '检索历史',
    'screen.token': '访问令牌', 'screen.signin': '使用令牌', 'screen.stage': '阶段',
    'screen.include_kw': '纳入关键词', 'screen.exclude_kw': '排除关键词',
    'screen.include': '纳入 (i)', 'screen.exclude': '排除 (e)', 'screen.maybe': '待定 (m)', 'screen.undo': '撤销 (u)',
    'screen.shortcuts': '快捷键', 'screen.reasons': '排除理由', 'screen.conflicts': '分歧',
    'screen.reasons_save': '保存排除理由', 'screen.exports': '导出',
  },
};

function cartaApplyLanguage(lang) {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const el of document.querySelectorAll('[data-i18n]')) {
    if (!el.dataset.en) el.dataset.en = el.textContent;
    const words = CARTA_I18N[lang] || {};
    el.textContent = words[el.dataset.i18n] || el.dataset.en;
  }
}
