"""Every interface word in Simplified Chinese (default) and English: one catalogue, read with :func:`t`.

The screen, the snapshots and the ledger's exports all take their words from :data:`CATALOGUE`.
Data that comes with its own names (indicators, targets, regions, categories, units) is not here.

Key convention: lowercase snake_case. A word that names one member of a fixed set of ids is keyed
``<set>.<id>`` with the id exactly as the code holds it, so code builds the key from the id:
``circle.capital``, ``circle_short.capital``, ``scheme.natural_breaks``, ``thrust.green``,
``status.met``, ``level.county``, ``provenance.sample``, ``sense.at_least``, ``orientation.portrait``,
``ledger_column.thrust``, ``template_column.region``. Every other word or phrase has a plain key, prefixed by the part of the
interface that owns it where it is not shared (``ledger_title``, ``snapshot_north``). Placeholders
are ``{name}`` fields filled by ``t(key, lang, name=...)`` and are the same in both languages.
"""

from types import MappingProxyType

LANGS = ("zh", "en")

# "No data" is defined once; the keys that name it by id share this entry.
_NO_DATA = MappingProxyType({"zh": "无数据", "en": "No data"})

CATALOGUE = MappingProxyType(
    {
        "app_title": {"zh": "山东省新型城镇化建设行动计划(2022)监测地图", "en": "Shandong New Urbanization Action Plan 2022: Map"},
        "nav_map": {"zh": "地图", "en": "Map"},
        "nav_ledger": {"zh": "目标台账", "en": "Targets ledger"},
        "nav_admin": {"zh": "数据管理", "en": "Data management"},
        "indicator": {"zh": "指标", "en": "Indicator"},
        "level": {"zh": "层级", "en": "Level"},
        "level.province": {"zh": "省", "en": "Province"},
        "level.prefecture": {"zh": "设区的市", "en": "Prefectures"},
        "level.county": {"zh": "县(市、区)", "en": "Counties"},
        "circle": {"zh": "经济圈", "en": "Economic circle"},
        "all_circles": {"zh": "全省", "en": "All"},
        "scheme": {"zh": "分级方法", "en": "Classes"},
        "period": {"zh": "统计期", "en": "Period"},
        "back": {"zh": "← 返回全省", "en": "← Back to province"},
        "back_to_circle": {"zh": "← 返回经济圈", "en": "← Back to circle"},
        "breakdown": {"zh": "分市情况", "en": "By prefecture"},
        "breakdown_county": {"zh": "分县情况", "en": "By county"},
        "region": {"zh": "地区", "en": "Region"},
        "value": {"zh": "数值", "en": "Value"},
        "provenance": {"zh": "来源", "en": "Source"},
        "progress": {"zh": "目标进展", "en": "Progress against the plan"},
        "no_target_data": {"zh": "该指标暂无可比数据", "en": "No comparable data for this target"},
        "sample_banner": {
            "zh": "注意:当前显示的部分数值为示例数据(非官方),仅用于演示,请以牵头单位报送数据为准。",
            "en": "Note: some values shown are sample data (not official), for demonstration only.",
        },
        "sources": {"zh": "数据来源", "en": "Sources"},
        "provenance.sample": {"zh": "示例数据", "en": "Sample data"},
        "provenance.sourced": {"zh": "公开来源", "en": "Public source"},
        "provenance.mixed": {"zh": "部分为示例数据", "en": "Partly sample"},
        "provenance.nodata": _NO_DATA,
        "nodata": _NO_DATA,
        "status.met": {"zh": "已达标", "en": "Met"},
        "status.on_track": {"zh": "进度正常", "en": "On track"},
        "status.behind": {"zh": "滞后", "en": "Behind"},
        "status.no_data": _NO_DATA,
        "status.partial": {"zh": "部分数据", "en": "Partial data"},
        "status.province_only": {"zh": "全省目标,不按地区分解", "en": "Province-wide target, not split by region"},
        "based_on": {"zh": "基于 {n} / {total} 个地区", "en": "based on {n} of {total} regions"},
        "no_county_values": {"zh": "“{indicator}”只有设区的市一级的数据,无法查看{region}所辖县(市、区)。",
                             "en": "{indicator} has values for prefecture-level cities only: {region} has no county view."},
        "beijing_time": {"zh": "{time} 北京时间", "en": "{time} Beijing time"},
        "snapshot_progress": {"zh": "目标进展", "en": "Progress"},
        "progress_item": {"zh": "{name}({target}):{scope}{value},{state}", "en": "{name} ({target}): {scope} {value}, {state}"},
        "progress_done": {"zh": "完成 {pct}%", "en": "{pct}% of the target"},
        "regions_count": {"zh": "地区数", "en": "regions"},
        "page_of": {"zh": "第 {page} 页,共 {pages} 页", "en": "Page {page} of {pages}"},
        "coverage": {"zh": "{n}/{total} 个地区有数据", "en": "{n} of {total} regions reported"},
        "partial_sum": {"zh": "仅为已报地区之和,不是合计", "en": "sum of the reporting regions only, not a total"},
        "partial_value": {"zh": "仅据已报地区计算", "en": "from the reporting regions only"},
        "data_period": {"zh": "统计期", "en": "Period"},
        "lead": {"zh": "牵头单位", "en": "Lead departments"},
        "language": {"zh": "English", "en": "中文"},
        "outside_scope": {"zh": "范围以外", "en": "Outside the selection"},
        "sample_legend": {"zh": "含示例数据(非官方)", "en": "Includes sample data (not official)"},
        "sample_source": {
            "zh": "示例数据(非官方):按计划总量规则生成,仅供演示",
            "en": "Sample data (not official): generated from the plan's totals, for demonstration only",
        },
        "click_hint": {"zh": "点击地市可查看所辖县(市、区)", "en": "Click a prefecture to see its counties"},
        "ledger_title": {"zh": "新型城镇化建设行动计划目标台账", "en": "New Urbanization Action Plan: targets ledger"},
        "ledger_thrust": {"zh": "方向", "en": "Thrust"},
        "ledger_dept": {"zh": "牵头单位", "en": "Lead department"},
        "ledger_status": {"zh": "状态", "en": "Status"},
        "ledger_search": {"zh": "搜索目标名称", "en": "Search target names"},
        "ledger_all": {"zh": "全部", "en": "All"},
        "ledger_task": {"zh": "任务", "en": "Task"},
        "ledger_target_name": {"zh": "目标", "en": "Target"},
        "ledger_goal": {"zh": "目标值", "en": "Plan target"},
        "ledger_latest": {"zh": "最新值(统计期)", "en": "Latest value (period)"},
        "ledger_progress": {"zh": "进展", "en": "Progress"},
        "ledger_actions": {"zh": "查看", "en": "View"},
        "ledger_map": {"zh": "地图", "en": "Map"},
        "ledger_trend": {"zh": "趋势", "en": "Trend"},
        "ledger_count": {"zh": "共 {n} 项目标", "en": "{n} targets"},
        "ledger_empty": {"zh": "没有符合筛选条件的目标。", "en": "No target matches the filters."},
        "ledger_one_period": {"zh": "仅有一个统计期({period})的数据,暂无趋势。", "en": "Data for one period only ({period}): no trend yet."},
        "ledger_no_periods": {"zh": "该目标暂无监测数据。", "en": "No monitoring data for this target."},
        "ledger_pick": {"zh": "点击某项目标的“趋势”查看历期数值与目标线。", "en": "Click a target's “Trend” to see its values over time against the target line."},
        "ledger_target_line": {"zh": "目标 {value}", "en": "Target {value}"},
        "ledger_export_xlsx": {"zh": "导出 Excel", "en": "Export Excel"},
        "ledger_export_pdf": {"zh": "导出 PDF 简报", "en": "Export PDF brief"},
        "ledger_filters": {"zh": "筛选条件", "en": "Filters"},
        "ledger_no_filters": {"zh": "全部目标", "en": "all targets"},
        "exported": {"zh": "导出时间", "en": "Exported"},
        "sense.at_least": {"zh": "≥ {value}", "en": "≥ {value}"},
        "sense.at_most": {"zh": "≤ {value}", "en": "≤ {value}"},
        "sense.all": {"zh": "全部({value})", "en": "all ({value})"},
        "sense.zero": {"zh": "清零", "en": "cleared to zero"},
        "ledger_thrust_count": {"zh": "{n} 项", "en": "{n}"},
        "ledger_search_q": {"zh": "搜索", "en": "Search"},
        "ledger_sample_mark": {"zh": "示例数据", "en": "sample"},
        "ledger_task_no": {"zh": "任务{n}", "en": "Task {n}"},
        "ledger_goal_task": {"zh": "总体目标", "en": "Goal"},
        "status_short.province_only": {"zh": "全省目标", "en": "Province-wide"},
        "ledger_province_only_note": {
            "zh": "“全省目标”:总量或个数类目标不分解到经济圈,数值为该经济圈的贡献。",
            "en": "“Province-wide”: totals and counts are not split by circle; the value is the circle's contribution.",
        },
        # Shandong's three economic circles (sdplan.circles.CIRCLE_IDS): full and short names
        "circle.capital": {"zh": "省会经济圈", "en": "Provincial Capital Economic Circle"},
        "circle.jiaodong": {"zh": "胶东经济圈", "en": "Jiaodong Economic Circle"},
        "circle.lunan": {"zh": "鲁南经济圈", "en": "Southern Shandong (Lunan) Economic Circle"},
        "circle_short.capital": {"zh": "省会", "en": "Provincial Capital"},
        "circle_short.jiaodong": {"zh": "胶东", "en": "Jiaodong"},
        "circle_short.lunan": {"zh": "鲁南", "en": "Southern Shandong"},
        # Classification schemes (sdplan.classify.SCHEMES)
        "scheme.natural_breaks": {"zh": "自然断点", "en": "Natural breaks"},
        "scheme.quantiles": {"zh": "分位数", "en": "Quantiles"},
        "scheme.equal_interval": {"zh": "等间距", "en": "Equal interval"},
        # The plan's thrusts (sdplan.catalog.THRUSTS)
        "thrust.goal": {"zh": "工作目标", "en": "Overall goal"},
        "thrust.smart": {"zh": "智慧城镇化", "en": "Smart urbanization"},
        "thrust.green": {"zh": "绿色城镇化", "en": "Green urbanization"},
        "thrust.balanced": {"zh": "均衡城镇化", "en": "Balanced urbanization"},
        "thrust.two_way": {"zh": "双向城镇化", "en": "Two-way urban-rural integration"},
        # The map: a target or average line, the province as a scope
        "province_name": {"zh": "山东省", "en": "Shandong"},
        "target_sense": {"zh": "目标 {sense} {value}", "en": "target {sense} {value}"},
        "province_target_sense": {"zh": "全省目标 {sense} {value}", "en": "province-wide target {sense} {value}"},
        "average_value": {"zh": "平均 {value}", "en": "average {value}"},
        "share_of_target": {"zh": "占全省目标的 {v}%", "en": "{v}% of the province-wide target"},
        "rank_of": {"zh": "{n} 个地区中第 {v} 位", "en": "rank {v} of {n}"},
        # A link parameter that was not valid (sdplan.viewstate.Notice)
        "notice_invalid_param": {
            "zh": "链接中的参数 {param}“{value}”无效,已改为默认值。",
            "en": "The link's {param} '{value}' is not valid; showing the default instead.",
        },
        # Punctuation that differs between the languages
        "labelled": {"zh": "{label}:{value}", "en": "{label}: {value}"},
        "with_note": {"zh": "{text}({note})", "en": "{text} ({note})"},
        "list_sep": {"zh": ";", "en": "; "},
        "source_dated": {"zh": "{title}({date})", "en": "{title} ({date})"},
        "note_sep": {"zh": ",", "en": "; "},
        "enum_sep": {"zh": "、", "en": ", "},
        # The snapshot control (components/export.py) and the snapshot itself (sdplan.snapshot)
        "snapshot_label": {"zh": "简报图", "en": "Snapshot"},
        "snapshot_button": {"zh": "下载简报图", "en": "Download"},
        "snapshot_failed": {"zh": "简报图导出失败:{error}", "en": "The snapshot could not be made: {error}"},
        "orientation.landscape": {"zh": "横向", "en": "Landscape"},
        "orientation.portrait": {"zh": "纵向", "en": "Portrait"},
        "snapshot_legend": {"zh": "图例", "en": "Legend"},
        "snapshot_unit": {"zh": "单位", "en": "Unit"},
        "snapshot_data_date": {"zh": "数据日期", "en": "Data date"},
        "snapshot_target": {"zh": "规划目标", "en": "Plan target"},
        "snapshot_counties_of": {"zh": "{name} 所辖县(市、区)", "en": "Counties of {name}"},
        "snapshot_sample_mark": {"zh": "示例数据 · 非官方", "en": "SAMPLE DATA · not official"},
        "snapshot_no_sources": {"zh": "无", "en": "none"},
        "snapshot_north": {"zh": "北", "en": "N"},
        "snapshot_rolled_up": {"zh": "由县级数据汇总", "en": "rolled up from counties"},
        # The ledger's XLSX export: sheet names and column headers (sdplan.ledger.xlsx.COLUMNS and LINK_COLUMNS)
        "ledger_sheet": {"zh": "台账", "en": "Ledger"},
        "ledger_about_sheet": {"zh": "说明", "en": "About"},
        "ledger_column.name": {"zh": "目标名称", "en": "Target"},
        "ledger_column.thrust": {"zh": "方向", "en": "Thrust"},
        "ledger_column.task": {"zh": "任务", "en": "Task"},
        "ledger_column.goal": {"zh": "目标值", "en": "Plan target"},
        "ledger_column.value": {"zh": "最新值", "en": "Latest value"},
        "ledger_column.unit": {"zh": "单位", "en": "Unit"},
        "ledger_column.period": {"zh": "统计期", "en": "Period"},
        "ledger_column.progress": {"zh": "进展(%)", "en": "Progress (%)"},
        "ledger_column.status": {"zh": "状态", "en": "Status"},
        "ledger_column.provenance": {"zh": "数据来源类型", "en": "Provenance"},
        "ledger_column.sources": {"zh": "数据来源", "en": "Sources"},
        "ledger_column.lead": {"zh": "牵头单位", "en": "Lead departments"},
        "ledger_column.n_units": {"zh": "地区数", "en": "Regions"},
        "ledger_column.n_with_data": {"zh": "有数据地区数", "en": "Regions with data"},
        "ledger_column.id": {"zh": "目标编号", "en": "Target id"},
        "ledger_column.indicator": {"zh": "指标代码", "en": "Indicator id"},
        "ledger_column.map": {"zh": "地图链接", "en": "Map link"},
        "ledger_column.name_other": {"zh": "英文名称", "en": "Name in Chinese"},
        "ledger_links_sheet": {"zh": "编号与链接", "en": "Ids and links"},
        "ledger_data_as_of": {"zh": "数据截至", "en": "Data up to"},
        "ledger_name_links": {"zh": "点击目标名称可在地图上查看该指标;完整链接和目标编号见“编号与链接”表。", "en": "Click a target's name to open its indicator on the map; full links and target ids are on the “Ids and links” sheet."},
        "ledger_links_base": {"zh": "地图链接指向", "en": "Map links point to"},
        "page_footer": {"zh": "第 &P 页,共 &N 页", "en": "Page &P of &N"},
        # Import templates (sdplan.store.template): headers are column names the import accepts (sdplan.store.imports.ALIASES)
        "template_column.indicator": {"zh": "指标代码", "en": "indicator"},
        "template_column.adcode": {"zh": "行政区划代码", "en": "adcode"},
        "template_column.region": {"zh": "地区名称", "en": "region"},
        "template_column.prefecture": {"zh": "所属市", "en": "prefecture"},
        "template_column.period": {"zh": "统计期", "en": "period"},
        "template_column.value": {"zh": "数值", "en": "value"},
        "template_column.unit": {"zh": "单位代码", "en": "unit"},
        "template_column.source_title": {"zh": "数据来源", "en": "source_title"},
        "template_column.source_url": {"zh": "来源网址", "en": "source_url"},
        "template_column.source_date": {"zh": "来源日期", "en": "source_date"},
        "template_column.note": {"zh": "备注", "en": "note"},
        "template_title": {"zh": "{name} 导入模板", "en": "Import template: {name}"},
        "template_data_sheet": {"zh": "数据", "en": "Data"},
        "template_help_sheet": {"zh": "填写说明", "en": "Instructions"},
        "template_lists_sheet": {"zh": "下拉选项", "en": "Lists"},
        "template_help_indicator": {"zh": "指标", "en": "Indicator"},
        "template_help_unit": {"zh": "单位", "en": "Unit"},
        "template_help_regions": {"zh": "地区", "en": "Regions"},
        "template_help_value": {"zh": "数值", "en": "Values"},
        "template_help_period": {"zh": "统计期", "en": "Periods"},
        "template_help_steps": {"zh": "填写步骤", "en": "How to fill it in"},
        "template_help_example": {"zh": "示例(本行仅为示例,不会导入)", "en": "Example (this row is only an example and is not imported)"},
        "template_unit_text": {"zh": "{label}(单位代码 {code},请勿修改)", "en": "{label} (unit code {code}; do not change it)"},
        "template_regions_text": {"zh": "{levels},共 {n} 个(含全省)", "en": "{levels}: {n} in all (the province included)"},
        "template_number": {"zh": "数", "en": "number"},
        "template_whole": {"zh": "整数", "en": "whole number"},
        "template_range_between": {"zh": "{lo} 至 {hi} 之间的{kind}", "en": "a {kind} from {lo} to {hi}"},
        "template_range_at_least": {"zh": "不小于 {lo} 的{kind}", "en": "a {kind} of at least {lo}"},
        "template_range_at_most": {"zh": "不大于 {hi} 的{kind}", "en": "a {kind} of at most {hi}"},
        "template_range_any": {"zh": "任意{kind}", "en": "any {kind}"},
        "template_categories": {"zh": "类别代码之一:{codes}", "en": "one of the category codes: {codes}"},
        "template_period_rule": {"zh": "按文本填写,如年度 2022、月度 2022-06、季度 2022-Q3", "en": "entered as text, like 2022 (a year), 2022-06 (a month) or 2022-Q3 (a quarter)"},
        "template_prefilled": {"zh": "已预填各地区现有的最新数值及其统计期和来源(示例数据未预填):修改统计期、数值和来源后上传即可更新。", "en": "Prefilled with each region's latest current figure, its period and source (sample values are left blank): edit the period, value and source and upload to update."},
        "template_step1": {"zh": "每行填写一个地区一个统计期的数值;统计期和数值都未填写的行在导入时跳过,可保留也可删除。新增的行请从上方复制单位代码和指标代码(或在上传时选定指标)。", "en": "Fill in one row per region and period; rows with neither a period nor a value are skipped on import (keep or delete them). In a row you add, copy the unit code and the indicator code from above (or choose the indicator when uploading)."},
        "template_step2": {"zh": "地区请从下拉列表中选择;同名的区县已带所属市(如“枣庄市市中区”)。也可只填行政区划代码。", "en": "Choose the region from the drop-down list; counties that share a name carry their prefecture (e.g. 枣庄市市中区). An adcode alone also works."},
        "template_step3": {"zh": "统计期按文本填写(单元格已设为文本格式,2022-06 不会被改成日期)。", "en": "Enter the period as text (the cells are formatted as text, so 2022-06 does not turn into a date)."},
        "template_step4": {"zh": "请填写数据来源、来源网址和来源日期;未填来源时以文件名为来源,未填日期时以导入当天为准。", "en": "Give the source, its web address and its date; without a source the file name is used, without a date the day of import."},
        "template_step5": {"zh": "请勿修改第一行的列名和单位代码。保存为 .xlsx 或 CSV(UTF-8 或 GBK)后,在“数据管理”页面上传:先校验并预览,确认后生效。", "en": "Do not change the column names in the first row or the unit code. Save as .xlsx or CSV (UTF-8 or GBK) and upload it on the data-management page: it is checked and previewed, and takes effect once confirmed."},
        "template_dv_error_title": {"zh": "输入无效", "en": "Invalid entry"},
        "template_dv_region": {"zh": "请从下拉列表中选择地区;同名区县带所属市,如“枣庄市市中区”。", "en": "Choose a region from the list; counties sharing a name carry their prefecture, e.g. 枣庄市市中区."},
        "template_dv_prefecture": {"zh": "请从下拉列表中选择设区的市(可不填)。", "en": "Choose a prefecture from the list (optional)."},
        "template_dv_adcode": {"zh": "该指标层级的 6 位行政区划代码(可不填,已填地区名称即可)。", "en": "A 6-digit adcode at this indicator's level (optional when the region is named)."},
        "template_dv_period": {"zh": "统计期:{rule}。", "en": "Period: {rule}."},
        "template_dv_value": {"zh": "数值:{rule},单位 {unit}。", "en": "Value: {rule}, in {unit}."},
        "template_dv_fixed": {"zh": "固定为 {value},请勿修改。", "en": "Always {value}; do not change it."},
        "template_dv_url": {"zh": "以 http:// 或 https:// 开头的网址。", "en": "An address starting http:// or https://."},
        # The data-management pages (admin/): templates read them as t.<name>.
        "admin_title": {"zh": '数据管理', "en": 'Data management'},
        "admin_dashboard": {"zh": '返回地图', "en": 'Back to the map'},
        "admin_login": {"zh": '登录', "en": 'Sign in'},
        "admin_logout": {"zh": '退出', "en": 'Sign out'},
        "admin_username": {"zh": '用户名', "en": 'User name'},
        "admin_password": {"zh": '密码', "en": 'Password'},
        "admin_bad_login": {"zh": '用户名或密码不正确。', "en": 'Wrong user name or password.'},
        "admin_signed_in_as": {"zh": '当前用户', "en": 'Signed in as'},
        "admin_admin": {"zh": '管理员', "en": 'administrator'},
        "admin_viewer": {"zh": '访客(只读)', "en": 'Visitor (read only)'},
        "admin_upload": {"zh": '上传数据文件', "en": 'Upload a data file'},
        "admin_file": {"zh": '文件(CSV 或 XLSX)', "en": 'File (CSV or XLSX)'},
        "admin_indicator": {"zh": '指标', "en": 'Indicator'},
        "admin_from_file": {"zh": '(文件中的 indicator 列)', "en": "(the file's indicator column)"},
        "admin_note": {"zh": '备注', "en": 'Note'},
        "admin_preview_button": {"zh": '校验并预览', "en": 'Check and preview'},
        "admin_templates": {"zh": '导入模板', "en": 'Import templates'},
        "admin_lead": {"zh": '牵头部门', "en": 'Lead departments'},
        "admin_you_may": {"zh": '可导入', "en": 'you may import'},
        "admin_history": {"zh": '导入记录', "en": 'Import history'},
        "admin_problems": {"zh": '文件未通过校验,未做任何修改。请修正以下问题后重新上传:', "en": 'The file did not pass the checks; nothing was changed. Please fix these problems and upload it again:'},
        "admin_preview": {"zh": '导入预览', "en": 'Import preview'},
        "admin_region": {"zh": '地区', "en": 'Region'},
        "admin_period": {"zh": '统计期', "en": 'Period'},
        "admin_old": {"zh": '原值', "en": 'Old value'},
        "admin_new": {"zh": '新值', "en": 'New value'},
        "admin_change": {"zh": '变化', "en": 'Change'},
        "admin_new_row": {"zh": '新增', "en": 'new'},
        "admin_changed": {"zh": '修改', "en": 'changed'},
        "admin_same": {"zh": '不变', "en": 'unchanged'},
        "admin_confirm": {"zh": '确认导入', "en": 'Confirm import'},
        "admin_cancel": {"zh": '取消', "en": 'Cancel'},
        "admin_confirm_note": {"zh": '确认后,这些数值立即成为当前数值并显示在地图上;原有数值保留,可随时回滚。', "en": 'Once confirmed these figures become current and show on the map at once; the earlier figures are kept and the batch can be rolled back.'},
        "admin_imported": {"zh": '已导入,批次 #{id}。', "en": 'Imported as batch #{id}.'},
        "admin_rolled_back": {"zh": '批次 #{id} 已回滚。', "en": 'Batch #{id} rolled back.'},
        "admin_rollback": {"zh": '回滚', "en": 'Roll back'},
        "admin_rollback_confirm": {"zh": '确定回滚该批次?', "en": 'Roll this batch back?'},
        "admin_batch": {"zh": '批次', "en": 'Batch'},
        "admin_user": {"zh": '用户', "en": 'User'},
        "admin_time": {"zh": '时间', "en": 'Time'},
        "admin_file_name": {"zh": '文件', "en": 'File'},
        "admin_rows": {"zh": '行数', "en": 'Rows'},
        "admin_status": {"zh": '状态', "en": 'Status'},
        "admin_accepted": {"zh": '已生效', "en": 'accepted'},
        "admin_rolled_back_status": {"zh": '已回滚', "en": 'rolled back'},
        "admin_not_found": {"zh": '预览已失效,请重新上传。', "en": 'This preview has expired; please upload the file again.'},
        "admin_login_needed": {"zh": '导入、确认和回滚需要登录。', "en": 'Importing, confirming and rolling back need an account.'},
        "admin_shown_first": {"zh": '仅显示前 {n} 行。', "en": 'Only the first {n} rows are shown.'},
        "admin_no_file": {"zh": '请选择文件。', "en": 'Please choose a file.'},
        "admin_counts": {"zh": '新增 {new} 行,修改 {changed} 行,不变 {same} 行', "en": '{new} new, {changed} changed, {same} unchanged'},
        "admin_lang_other": {"zh": 'English', "en": '中文'},
        "admin_actions": {"zh": '操作', "en": 'Actions'},
        "admin_hash": {"zh": '文件指纹', "en": 'File hash'},
        "admin_current": {"zh": '当前数值', "en": 'Current figures'},
        # The store's refusals (sdplan.store.errors).
        "store_permission_denied": {
            "zh": "您无权导入或回滚指标 {names} 的数值:只有其牵头部门的账号和管理员可以。",
            "en": "You may not import or roll back the figures of {names}: only accounts of the departments "
                  "leading them and administrators may.",
        },
        "store_conflict": {
            "zh": "冲突:在您预览之后,他人已修改了指标 {names} 的数值。本次未保存任何内容,请重新上传文件以查看最新预览。",
            "en": "Conflict: since your preview, someone else changed the figures of {names}. "
                  "Nothing was saved; please upload the file again to see a fresh preview.",
        },
        "store_batch_not_found": {"zh": "不存在批次 #{id}。", "en": "There is no batch #{id}."},
        "store_already_rolled_back": {"zh": "批次 #{id} 已经回滚,本次未做任何修改。",
                                      "en": "Batch #{id} is already rolled back; nothing was changed."},
    }
)


def t(key: str, lang: str = "zh", **values) -> str:
    """The interface word ``key`` in ``lang`` ("en", else Chinese), ``{placeholders}`` filled from ``values``.

    Raises KeyError naming ``key`` when the catalogue has no such word.
    """
    try:
        entry = CATALOGUE[key]
    except KeyError:
        from difflib import get_close_matches

        near = get_close_matches(str(key), CATALOGUE, n=3)
        hint = f"; did you mean {', '.join(map(repr, near))}?" if near else ""
        raise KeyError(f"no interface word {key!r} in sdplan.i18n.CATALOGUE{hint}") from None
    text = entry["en" if lang == "en" else "zh"]
    return text.format(**values) if values else text


def words_of(area: str, lang: str = "zh") -> dict[str, str]:
    """Every word keyed ``<area>_<name>`` in ``lang``, by name (templates read them as ``t.<name>``)."""
    return {key[len(area) + 1:]: t(key, lang) for key in CATALOGUE if key.startswith(area + "_")}


def name_column(lang: str) -> str:
    """The column holding a data table's names in ``lang``: "name_en" or "name_zh" (regions, for example)."""
    return "name_en" if lang == "en" else "name_zh"
