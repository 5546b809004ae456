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
    'screen.criteria': '纳入排除标准', 'tab.extract': '数据提取', 'rep.title': '综述报告', 'rep.lang': '语言', 'rep.build': '生成报告',
    'tox.icans': 'ICANS（ASTCT 2019）', 'tox.score': '评分', 'tox.ice_orientation': '定向力 (0–4)',
    'tox.ice_naming': '命名 (0–3)', 'tox.ice_commands': '执行指令 (0–1)', 'tox.ice_writing': '书写 (0–1)',
    'tox.ice_attention': '注意力 (0–1)', 'tox.capd_note': '（12 岁以下儿童：本班次内出现的频率）', 'tox.age': '年龄（岁）',
    'tox.consciousness': '意识水平', 'tox.seizure': '癫痫发作', 'tox.motor': '运动障碍', 'tox.icp': '颅内压升高/脑水肿',
    'tox.hemoglobin': '血红蛋白', 'tox.ferritin': '铁蛋白',
    'ex.note': '请先在“文献筛选”页输入访问令牌。两位提取者都完成之前，您的表单只有您自己可见；完成后可查看双方表单、差异与共识。',
    'ex.cohort': '队列', 'ex.open': '打开', 'ex.start': '开始我的表单', 'ex.mine': '我的表单', 'ex.field': '字段',
    'ex.value': '数值', 'ex.record': '文献', 'ex.page': '页码', 'ex.location': '表格/图', 'ex.quote': '原文引用',
    'ex.save': '保存数值', 'ex.finish': '完成我的表单', 'ex.others': '其他表单', 'ex.diff': '差异',
    'tab.sim': '模拟器', 'sim.product': '产品', 'sim.indication': '适应症', 'sim.strategy': '策略',
    'sim.patients': '虚拟患者数', 'sim.seed': '随机种子', 'sim.run': '运行虚拟试验',
    'sim.note': '模型及其校准见 doc/model.md。它用于探讨哪种机制可能产生某种模式，而不是对个体患者的预测。',
    'ex.compare': '比较表单', 'ex.reconcile': '记录共识', 'ex.export': '导出共识（data/ 文本）',
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
