<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/about.py" line="30"/>
        <source>About Concord</source>
        <translation>关于 Concord</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="40"/>
        <source>Dispute Screening and Resolution Command Center</source>
        <translation>矛盾纠纷排查化解指挥中心</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="47"/>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="53"/>
        <source>Python %1 · Qt %2 · PySide6 %3</source>
        <translation>Python %1 · Qt %2 · PySide6 %3</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../ui/cases/panel.py" line="186"/>
        <source>Required: recorded in the audit trail</source>
        <translation>必填，将记入审计记录</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="187"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="190"/>
        <source>(nobody)</source>
        <translation>（不指定）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="201"/>
        <source>Person</source>
        <translation>承办人</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="202"/>
        <source>Departments</source>
        <translation>承办部门</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="204"/>
        <source>Satisfaction (1–5)</source>
        <translation>满意度（1–5）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="207"/>
        <source>Other case number</source>
        <translation>对应案件编号</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="208"/>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="213"/>
        <source>Please give a reason.</source>
        <translation>请填写理由。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="216"/>
        <source>Please name the other case.</source>
        <translation>请填写对应案件编号。</translation>
    </message>
</context>
<context>
    <name>ActionItemsPane</name>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="80"/>
        <source>Show one department&apos;s action items</source>
        <translation>只看一个部门的交办事项</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="81"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="85"/>
        <source>Open only</source>
        <translation>只看未办结</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="90"/>
        <source>Filter: what, case, meeting</source>
        <translation>筛选：事项、案件、会议</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="101"/>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="102"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="103"/>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="104"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="105"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="106"/>
        <source>Evidence</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="126"/>
        <source>Mark done…</source>
        <translation>办结…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="197"/>
        <source>(no department)</source>
        <translation>（无部门）</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="209"/>
        <source>Overdue (%1)</source>
        <translation>逾期（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="212"/>
        <source>%1, supervised</source>
        <translation>%1，督办中</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="237"/>
        <source>%1 action items, %2 overdue</source>
        <translation>交办事项 %1 项，逾期 %2 项</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="264"/>
        <source>Select an action item.</source>
        <translation>请选择一个交办事项。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="267"/>
        <source>%1 — meeting “%2”; evidence: %3</source>
        <translation>%1 —— 会议“%2”；办理结果：%3</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="271"/>
        <source>Only an open action item can be marked done.</source>
        <translation>只有未办结的交办事项才能办结。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="277"/>
        <source>Report the item done, with evidence of completion.</source>
        <translation>报告该事项已办结，并附办理结果。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="288"/>
        <source>Action item done</source>
        <translation>交办事项办结</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/action_items_pane.py" line="289"/>
        <source>Evidence of completion for “%1”:</source>
        <translation>“%1”的办理结果（佐证）：</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ui/cases/panel.py" line="87"/>
        <source>Reported</source>
        <translation>报送</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="88"/>
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="89"/>
        <source>Start handling</source>
        <translation>开始办理</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="90"/>
        <source>Assign</source>
        <translation>交办</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="91"/>
        <source>Escalate</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="92"/>
        <source>Resolve</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="93"/>
        <source>Return visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="94"/>
        <source>Reopen</source>
        <translation>重新办理</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="95"/>
        <source>Close</source>
        <translation>结案</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="96"/>
        <source>Reject</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="97"/>
        <source>Mark duplicate</source>
        <translation>标记重复</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="98"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="99"/>
        <source>Supervise</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="100"/>
        <source>Supervision answered</source>
        <translation>督办回复</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="101"/>
        <source>Supervision signed off</source>
        <translation>督办销号</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="102"/>
        <source>Supervision reminder</source>
        <translation>督办提醒</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="103"/>
        <source>Supervision overdue</source>
        <translation>督办逾期</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="104"/>
        <source>Meeting task assigned</source>
        <translation>协调会交办任务</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="105"/>
        <source>Meeting task done</source>
        <translation>协调会任务办结</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="106"/>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ActiveDialog</name>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="251"/>
        <source>Confirm</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="258"/>
        <source>required, e.g. 离职, 网格合并</source>
        <translation>必填，例如：离职、网格合并</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="260"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
</context>
<context>
    <name>AgendaSection</name>
    <message>
        <location filename="../../ui/meetings/participants_agenda.py" line="95"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/participants_agenda.py" line="95"/>
        <source>Agenda item</source>
        <translation>议题</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/participants_agenda.py" line="99"/>
        <source>Agenda</source>
        <translation>议程</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/participants_agenda.py" line="110"/>
        <source>Minutes: %1</source>
        <translation>纪要：%1</translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <location filename="../../ui/live/alerts.py" line="74"/>
        <source>Escalated</source>
        <translation>新上报</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="75"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="76"/>
        <source>Due soon</source>
        <translation>临期</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="77"/>
        <source>Supervision deadline</source>
        <translation>督办到期</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="78"/>
        <source>Supervision overdue</source>
        <translation>督办逾期</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="79"/>
        <source>Action item overdue</source>
        <translation>会议事项超期</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="80"/>
        <source>Screening missed</source>
        <translation>漏排</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="81"/>
        <source>Focused screening due</source>
        <translation>重点排查待开展</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="82"/>
        <source>Out of grid</source>
        <translation>离开网格</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="83"/>
        <source>Not moving</source>
        <translation>长时间未移动</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="95"/>
        <source>%1 has been out of their own grid for %2 min (since %3)</source>
        <translation>%1 已离开本网格 %2 分钟（自 %3 起）</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="97"/>
        <source>%1 has not moved for %2 min (since %3)</source>
        <translation>%1 已 %2 分钟未移动（自 %3 起）</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="182"/>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="185"/>
        <source>Acknowledge the selected alert: it stops standing out</source>
        <translation>确认所选告警：确认后不再突出显示</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="188"/>
        <source>Acknowledge all</source>
        <translation>全部确认</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="190"/>
        <source>Acknowledge every highlighted alert</source>
        <translation>确认所有突出显示的告警</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="353"/>
        <source>No alerts</source>
        <translation>暂无告警</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="103"/>
        <source>less than %1 h left</source>
        <translation>剩余不足 %1 小时</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="105"/>
        <source>escalated to %1</source>
        <translation>已提请 %1 督促</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="314"/>
        <source>Not acknowledged yet</source>
        <translation>尚未确认</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="336"/>
        <source>Not acknowledged: %1</source>
        <translation>未确认：%1</translation>
    </message>
    <message>
        <location filename="../../ui/live/alerts.py" line="338"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>AnalysisPane</name>
    <message>
        <location filename="../../ui/analysis_pane.py" line="226"/>
        <source>Period:</source>
        <translation>时段：</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="229"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="230"/>
        <source>Last 4 weeks</source>
        <translation>近4周</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="231"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="232"/>
        <source>Last 3 months</source>
        <translation>近3个月</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="233"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="250"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="264"/>
        <source>Cases reported</source>
        <translation>上报案件</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="267"/>
        <source>Week</source>
        <translation>按周</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="267"/>
        <source>Month</source>
        <translation>按月</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="278"/>
        <source>By kind</source>
        <translation>按类型</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="279"/>
        <source>By category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="280"/>
        <source>By town</source>
        <translation>按镇街</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="289"/>
        <source>Settled in the village / in the village or town, per town</source>
        <translation>各镇街村级化解率 / 镇村两级化解率</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="290"/>
        <location filename="../../ui/analysis_pane.py" line="633"/>
        <source>Settled in the village, per village</source>
        <translation>各村（社区）村级化解率</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="294"/>
        <source>Town:</source>
        <translation>镇街：</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="297"/>
        <source>Hours to resolve, per level</source>
        <translation>各层级化解用时（小时）</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="298"/>
        <source>Escalation funnel</source>
        <translation>流转漏斗</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="299"/>
        <source>Return-visit satisfaction</source>
        <translation>回访满意度</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="305"/>
        <source>Unusual rises (last 7 days against the 8 weeks before)</source>
        <translation>异常上升（近7天对比此前8周）</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="315"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="316"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="317"/>
        <source>Last 7 days</source>
        <translation>近7天</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="318"/>
        <source>Usual per week</source>
        <translation>平时每周</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="319"/>
        <source>Chance</source>
        <translation>出现概率</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="412"/>
        <source>The period ends before it starts: pick a later end date.</source>
        <translation>结束日期早于开始日期，请选择更晚的结束日期。</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="419"/>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="471"/>
        <location filename="../../ui/analysis_pane.py" line="503"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="487"/>
        <source>Could not read this chart: %1</source>
        <translation>无法读取此图表：%1</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="522"/>
        <location filename="../../ui/analysis_pane.py" line="696"/>
        <source>No cases were reported in this period.</source>
        <translation>此时段内没有上报案件。</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="530"/>
        <source>Others (%1)</source>
        <translation>其他（%1类）</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="572"/>
        <source>none resolved</source>
        <translation>无化解案件</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="586"/>
        <source>Settled in the village (target %1) / in the village or town (target %2), per town</source>
        <translation>各镇街村级化解率（目标%1）/ 镇村两级化解率（目标%2）</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="593"/>
        <location filename="../../ui/analysis_pane.py" line="643"/>
        <source>No case was resolved in this period.</source>
        <translation>此时段内没有化解的案件。</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="601"/>
        <source>There is no town to show.</source>
        <translation>没有可显示的镇街。</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="626"/>
        <source>No case of this town was resolved in this period.</source>
        <translation>此时段内该镇街没有化解的案件。</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="635"/>
        <source> (%1 more with nothing resolved)</source>
        <translation>（另有%1个村无化解案件）</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="666"/>
        <source>%1 (%2 cases)</source>
        <translation>%1（%2件）</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="672"/>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="675"/>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="676"/>
        <source>90% within</source>
        <translation>90%在此之内</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="683"/>
        <source>Reported</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="684"/>
        <source>Accepted</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="685"/>
        <source>Escalated to the town</source>
        <translation>上报到镇</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="686"/>
        <source>Escalated to the city</source>
        <translation>上报到市</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="687"/>
        <source>Resolved</source>
        <translation>化解</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="688"/>
        <source>Return visit / closed</source>
        <translation>回访/办结</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="717"/>
        <source>No return visit was scored in this period.</source>
        <translation>此时段内没有回访评分。</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="733"/>
        <source>%1 points</source>
        <translation>%1分</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="738"/>
        <source>Mean %1 of %2 return visits; %3 satisfied (4–5 points)</source>
        <translation>%2次回访平均%1分，满意（4–5分）占%3</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="744"/>
        <source>; lowest: %1 (%2)</source>
        <translation>；最低：%1（%2分）</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="745"/>
        <source>Return-visit satisfaction — %1</source>
        <translation>回访满意度 — %1</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="758"/>
        <source>%1 in %2: %3 cases in the last 7 days, usually %4 a week. Click to see them in the queue.</source>
        <translation>%2的%1：近7天%3件，平时每周%4件。点击在工单队列中查看。</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="773"/>
        <source>%1 of %2 town and category pairs rose improbably (chance under %3 at the usual rate).</source>
        <translation>%2个镇街×类别组合中有%1个异常上升（按平时发生率出现的概率低于%3）。</translation>
    </message>
    <message>
        <location filename="../../ui/analysis_pane.py" line="782"/>
        <source>No unusual rise among %1 town and category pairs.</source>
        <translation>%1个镇街×类别组合均无异常上升。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="58"/>
        <source>Embedded database</source>
        <translation>内置数据库</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="66"/>
        <source>Preparing the database…</source>
        <translation>正在准备数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="73"/>
        <source>Drawing the demo city…</source>
        <translation>正在生成演示城市…</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="74"/>
        <source>Writing a year of cases…</source>
        <translation>正在写入全年案件…</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="75"/>
        <source>Writing sentiment logs…</source>
        <translation>正在写入民情日志…</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="221"/>
        <source>Cannot open the database:
%1</source>
        <translation>无法打开数据库：
%1</translation>
    </message>
</context>
<context>
    <name>BasemapDialog</name>
    <message>
        <location filename="../../ui/live/basemap.py" line="68"/>
        <source>Basemap</source>
        <translation>底图</translation>
    </message>
    <message>
        <location filename="../../ui/live/basemap.py" line="75"/>
        <source>The map never loads tiles from the internet. Choose a tile server of the intranet or an MBTiles file on this computer, or none (boundaries on a plain background).</source>
        <translation>地图不会从互联网加载瓦片。可选择内网瓦片服务或本机的 MBTiles 文件，也可不用底图（只在素色背景上显示边界）。</translation>
    </message>
    <message>
        <location filename="../../ui/live/basemap.py" line="80"/>
        <source>No basemap</source>
        <translation>不使用底图</translation>
    </message>
    <message>
        <location filename="../../ui/live/basemap.py" line="81"/>
        <source>Intranet tile server</source>
        <translation>内网瓦片服务</translation>
    </message>
    <message>
        <location filename="../../ui/live/basemap.py" line="82"/>
        <location filename="../../ui/live/basemap.py" line="128"/>
        <source>MBTiles file</source>
        <translation>MBTiles 文件</translation>
    </message>
    <message>
        <location filename="../../ui/live/basemap.py" line="89"/>
        <source>e.g. D:\maps\city.mbtiles</source>
        <translation>例如 D:\maps\city.mbtiles</translation>
    </message>
    <message>
        <location filename="../../ui/live/basemap.py" line="90"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/live/basemap.py" line="98"/>
        <source>Tile URL template:</source>
        <translation>瓦片地址模板：</translation>
    </message>
    <message>
        <location filename="../../ui/live/basemap.py" line="100"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../ui/live/basemap.py" line="114"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/live/basemap.py" line="115"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/live/basemap.py" line="128"/>
        <source>MBTiles (*.mbtiles);;All files (*)</source>
        <translation>MBTiles 文件 (*.mbtiles);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/live/basemap.py" line="148"/>
        <source>Tiles: %1, zoom %2–%3</source>
        <translation>瓦片：%1，缩放级别 %2–%3</translation>
    </message>
</context>
<context>
    <name>Briefing</name>
    <message>
        <location filename="../../ui/briefing.py" line="45"/>
        <source>Weekly analysis briefing</source>
        <translation>研判简报（周报）</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="47"/>
        <source>Half-monthly analysis briefing</source>
        <translation>研判简报（半月报）</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="48"/>
        <source>Analysis briefing</source>
        <translation>研判简报</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="53"/>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="57"/>
        <location filename="../../ui/briefing.py" line="440"/>
        <location filename="../../ui/briefing.py" line="699"/>
        <source>Whole city</source>
        <translation>全市</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="62"/>
        <source>Reported</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="63"/>
        <source>Accepted</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="64"/>
        <source>Escalated to the town</source>
        <translation>上报至镇级</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="65"/>
        <source>Escalated to the city</source>
        <translation>上报至市级</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="66"/>
        <location filename="../../ui/briefing.py" line="389"/>
        <location filename="../../ui/briefing.py" line="410"/>
        <location filename="../../ui/briefing.py" line="619"/>
        <location filename="../../ui/briefing.py" line="665"/>
        <source>Resolved</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="67"/>
        <source>Verified or closed</source>
        <translation>回访或归档</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="75"/>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="78"/>
        <source>unchanged</source>
        <translation>持平</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="79"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="95"/>
        <source>Cases reported</source>
        <translation>受理案件</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="96"/>
        <source>Cases resolved</source>
        <translation>办结案件</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="97"/>
        <source>Escalations</source>
        <translation>逐级上报</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="98"/>
        <source>Mass-incident risks reported</source>
        <translation>群体性事件风险</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="99"/>
        <source>Reported in a sensitive period</source>
        <translation>敏感时期受理</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="100"/>
        <source>Supervision orders issued</source>
        <translation>发出督办单</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="101"/>
        <source>Open at the end of the period</source>
        <translation>期末在办</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="102"/>
        <source>Of which overdue</source>
        <translation>其中超期</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="109"/>
        <source>In this period %1 cases were reported (%2 against the previous period) and %3 resolved. At the end of the period %4 cases were open, %5 of them overdue.</source>
        <translation>本期共受理矛盾纠纷等案件 %1 件（环比 %2），办结 %3 件；期末在办 %4 件，其中超期 %5 件。</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="123"/>
        <source>Of the cases resolved, %1 were settled in the village (target %2) and %3 in the village or the town (target %4).</source>
        <translation>办结案件中，村级化解 %1（目标 %2），村镇两级化解 %3（目标 %4）。</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="149"/>
        <source>Raise village-level settlement in %1: below the target of %2.</source>
        <translation>%1 村级化解率低于 %2 的目标，建议督促提高。</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="157"/>
        <source>Supervise the %1 overdue cases to a close; check who holds them.</source>
        <translation>对 %1 件超期案件逐件督办，查明承办责任，限期办结。</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="164"/>
        <source>Screen %1 for %2 with focus: %3 cases against %4 expected.</source>
        <translation>建议对%1开展%2重点排查：近七日 %3 件，常态预期 %4 件。</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="174"/>
        <source>Follow the %1 cases with a mass-incident risk daily until settled.</source>
        <translation>对 %1 件存在群体性事件风险的案件每日跟踪，直至化解。</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="179"/>
        <source>No matter needs the leadership&apos;s attention beyond the routine.</source>
        <translation>本期无需领导特别关注的事项，按常规推进。</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="370"/>
        <location filename="../../ui/briefing.py" line="593"/>
        <source>Cases reported per week, by kind</source>
        <translation>每周受理案件（按类型）</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="648"/>
        <source>Share settled in the village, per town</source>
        <translation>各镇街村级化解率</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="420"/>
        <source>How far the period&apos;s cases went</source>
        <translation>本期案件流转情况</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="186"/>
        <source>neighbour disputes</source>
        <translation>邻里纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="187"/>
        <source>marriage and family disputes</source>
        <translation>婚姻家庭</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="188"/>
        <source>land disputes</source>
        <translation>土地纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="189"/>
        <source>labour disputes</source>
        <translation>劳动争议</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="190"/>
        <source>property management disputes</source>
        <translation>物业纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="191"/>
        <source>contract disputes</source>
        <translation>合同纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="192"/>
        <source>other disputes</source>
        <translation>其他纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="193"/>
        <source>petitions and stability</source>
        <translation>信访稳定</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="194"/>
        <source>public order</source>
        <translation>社会治安</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="195"/>
        <source>work safety</source>
        <translation>安全生产</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="196"/>
        <source>civil affairs errands</source>
        <translation>民政代办</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="197"/>
        <source>disability affairs</source>
        <translation>残疾人事务</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="198"/>
        <source>medical errands</source>
        <translation>医疗代办</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="199"/>
        <source>housing permits</source>
        <translation>建房审批</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="200"/>
        <source>family planning</source>
        <translation>计划生育</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="208"/>
        <source>, %1 times the usual</source>
        <translation>，是平时的%1倍</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="210"/>
        <source>, where no such case was seen before</source>
        <translation>，此前未见此类案件</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="212"/>
        <source>less than one in a thousand</source>
        <translation>不足千分之一</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="214"/>
        <source>about %1%</source>
        <translation>约%1%</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="216"/>
        <source>%1 reported %2 cases of %3 in the last 7 days, against %5 a week on average in the %4 weeks before%6; at the usual rate the chance of so many is %7. Worth watching.</source>
        <translation>%1近7天上报%3%2件，前%4周平均每周%5件%6；按以往发生率出现这么多的概率%7，建议关注。</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="353"/>
        <source>Grassroots dispute screening and resolution</source>
        <translation>矛盾纠纷排查化解</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="354"/>
        <source>generated %1</source>
        <translation>生成于 %1</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="358"/>
        <source>1. Overview</source>
        <translation>一、总体情况</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="362"/>
        <location filename="../../ui/briefing.py" line="558"/>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="363"/>
        <location filename="../../ui/briefing.py" line="559"/>
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="364"/>
        <location filename="../../ui/briefing.py" line="560"/>
        <source>Previous period</source>
        <translation>上期</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="365"/>
        <location filename="../../ui/briefing.py" line="561"/>
        <source>Change</source>
        <translation>环比</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="369"/>
        <source>2. Trend</source>
        <translation>二、发展趋势</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="374"/>
        <location filename="../../ui/briefing.py" line="582"/>
        <source>Week of</source>
        <translation>周（起）</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="376"/>
        <location filename="../../ui/briefing.py" line="584"/>
        <location filename="../../ui/briefing.py" line="608"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="383"/>
        <source>3. Small matters stay in the village, big ones in the town</source>
        <translation>三、小事不出村、大事不出镇</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="384"/>
        <source>Share settled in the village, per town (dashed: target)</source>
        <translation>各镇街村级化解率（虚线为目标）</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="388"/>
        <location filename="../../ui/briefing.py" line="433"/>
        <location filename="../../ui/briefing.py" line="606"/>
        <location filename="../../ui/briefing.py" line="618"/>
        <location filename="../../ui/briefing.py" line="688"/>
        <location filename="../../ui/briefing.py" line="712"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="390"/>
        <location filename="../../ui/briefing.py" line="620"/>
        <source>In the village</source>
        <translation>村级化解</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="391"/>
        <source>In the village or town</source>
        <translation>村镇两级化解</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="392"/>
        <source>Targets met</source>
        <translation>达标（村/镇）</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="406"/>
        <source>4. Time to resolve</source>
        <translation>四、办结时长</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="409"/>
        <location filename="../../ui/briefing.py" line="664"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="411"/>
        <location filename="../../ui/briefing.py" line="666"/>
        <source>Median hours</source>
        <translation>中位时长（小时）</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="412"/>
        <location filename="../../ui/briefing.py" line="667"/>
        <source>90th percentile hours</source>
        <translation>90% 分位时长（小时）</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="419"/>
        <source>5. Escalation funnel</source>
        <translation>五、流转情况</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="424"/>
        <location filename="../../ui/briefing.py" line="675"/>
        <source>Stage</source>
        <translation>环节</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="425"/>
        <location filename="../../ui/briefing.py" line="676"/>
        <location filename="../../ui/briefing.py" line="714"/>
        <source>Cases</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="426"/>
        <location filename="../../ui/briefing.py" line="677"/>
        <source>Share of reported</source>
        <translation>占受理比例</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="430"/>
        <source>6. Return-visit satisfaction</source>
        <translation>六、回访满意度</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="434"/>
        <location filename="../../ui/briefing.py" line="689"/>
        <source>Return visits</source>
        <translation>回访件数</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="435"/>
        <location filename="../../ui/briefing.py" line="695"/>
        <source>Mean score</source>
        <translation>平均分</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="436"/>
        <source>Satisfied</source>
        <translation>满意率</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="449"/>
        <source>7. Warnings</source>
        <translation>七、异常预警</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="457"/>
        <source>No town and category was unusually high in the last seven days.</source>
        <translation>近七日各镇街、各类案件均未见异常增多。</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="459"/>
        <source>8. Recommendations</source>
        <translation>八、研判建议</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="463"/>
        <source>Open and overdue counts use each case’s status at the time of writing.</source>
        <translation>注：期末在办及超期数按生成简报时各案件的状态统计。</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="551"/>
        <source>Overview</source>
        <translation>概况</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="569"/>
        <source>Recommendations</source>
        <translation>研判建议</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="580"/>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="604"/>
        <source>Trend by town</source>
        <translation>各镇街趋势</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="616"/>
        <source>Settlement level</source>
        <translation>分级化解</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="621"/>
        <source>In the town</source>
        <translation>镇级化解</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="622"/>
        <source>In the city</source>
        <translation>市级化解</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="623"/>
        <source>Share in the village</source>
        <translation>村级化解率</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="624"/>
        <source>Share in the village or town</source>
        <translation>村镇两级化解率</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="625"/>
        <source>Village target</source>
        <translation>村级目标</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="626"/>
        <source>Village-or-town target</source>
        <translation>村镇两级目标</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="662"/>
        <source>Time to resolve</source>
        <translation>办结时长</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="673"/>
        <source>Escalation funnel</source>
        <translation>流转情况</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="686"/>
        <source>Satisfaction</source>
        <translation>回访满意度</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="710"/>
        <source>Warnings</source>
        <translation>异常预警</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="713"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="715"/>
        <source>Expected</source>
        <translation>预期</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="717"/>
        <source>Finding</source>
        <translation>研判结论</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="761"/>
        <source>Name at least one output file (.pdf or .xlsx).</source>
        <translation>请至少指定一个输出文件（.pdf 或 .xlsx）。</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="765"/>
        <source>%1: a briefing is written as .pdf or .xlsx.</source>
        <translation>%1：简报只能生成 .pdf 或 .xlsx 文件。</translation>
    </message>
    <message>
        <location filename="../../ui/briefing.py" line="768"/>
        <source>%1: the folder does not exist.</source>
        <translation>%1：文件夹不存在。</translation>
    </message>
</context>
<context>
    <name>BriefingDialog</name>
    <message>
        <location filename="../../ui/briefing_dialog.py" line="69"/>
        <location filename="../../ui/briefing_dialog.py" line="196"/>
        <source>Analysis briefing</source>
        <translation>研判简报</translation>
    </message>
    <message>
        <location filename="../../ui/briefing_dialog.py" line="75"/>
        <source>Weekly: last week (Monday to Sunday)</source>
        <translation>周报：上一周（周一至周日）</translation>
    </message>
    <message>
        <location filename="../../ui/briefing_dialog.py" line="76"/>
        <source>Half-monthly: the last whole half month</source>
        <translation>半月报：上一个完整半月</translation>
    </message>
    <message>
        <location filename="../../ui/briefing_dialog.py" line="77"/>
        <source>From – to</source>
        <translation>自定义起止</translation>
    </message>
    <message>
        <location filename="../../ui/briefing_dialog.py" line="98"/>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <location filename="../../ui/briefing_dialog.py" line="102"/>
        <source>PDF with charts</source>
        <translation>PDF（含图表）</translation>
    </message>
    <message>
        <location filename="../../ui/briefing_dialog.py" line="103"/>
        <source>Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <location filename="../../ui/briefing_dialog.py" line="109"/>
        <source>Formats</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ui/briefing_dialog.py" line="113"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../ui/briefing_dialog.py" line="117"/>
        <source>Folder</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location filename="../../ui/briefing_dialog.py" line="120"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../ui/briefing_dialog.py" line="151"/>
        <source>%1 to %2 (%3 days)</source>
        <translation>%1 至 %2（共 %3 天）</translation>
    </message>
    <message>
        <location filename="../../ui/briefing_dialog.py" line="168"/>
        <source>Folder for the briefing</source>
        <translation>选择简报保存位置</translation>
    </message>
    <message>
        <location filename="../../ui/briefing_dialog.py" line="182"/>
        <source>Choose at least one format.</source>
        <translation>请至少选择一种格式。</translation>
    </message>
    <message>
        <location filename="../../ui/briefing_dialog.py" line="185"/>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <location filename="../../ui/briefing_dialog.py" line="211"/>
        <source>The briefing was not written: %1</source>
        <translation>研判简报未能生成：%1</translation>
    </message>
</context>
<context>
    <name>CalendarBar</name>
    <message>
        <location filename="../../ui/meetings/calendar_bar.py" line="39"/>
        <source>Previous</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_bar.py" line="40"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_bar.py" line="43"/>
        <source>Next</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_bar.py" line="54"/>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_bar.py" line="54"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_bar.py" line="54"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_bar.py" line="64"/>
        <location filename="../../ui/meetings/calendar_bar.py" line="79"/>
        <source>Export .ics…</source>
        <translation>导出日历…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_bar.py" line="67"/>
        <location filename="../../ui/meetings/calendar_bar.py" line="80"/>
        <source>Import busy times…</source>
        <translation>导入忙碌时间…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_bar.py" line="69"/>
        <location filename="../../ui/meetings/calendar_bar.py" line="110"/>
        <source>Import a department&apos;s busy times from an .ics file (used by the slot search)</source>
        <translation>从 .ics 文件导入部门的忙碌时间（供空闲时段查找使用）</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_bar.py" line="76"/>
        <source>Calendar files</source>
        <translation>日历文件</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_bar.py" line="89"/>
        <source>Full screen scheduler (undock and maximise; again to dock)</source>
        <translation>全屏排会（浮出并最大化；再按一次停靠回去）</translation>
    </message>
</context>
<context>
    <name>CalendarGrid</name>
    <message>
        <location filename="../../ui/meetings/calendar_grid.py" line="58"/>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_grid.py" line="59"/>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_grid.py" line="60"/>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_grid.py" line="61"/>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_grid.py" line="62"/>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_grid.py" line="63"/>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_grid.py" line="64"/>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_grid.py" line="115"/>
        <source>Non-working day</source>
        <translation>非工作日</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/calendar_grid.py" line="134"/>
        <source>Busy: %1</source>
        <translation>忙碌：%1</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <location filename="../../ui/cases/panel.py" line="130"/>
        <source>The time limit (SLA) of this level ran out: the system escalated it one level up</source>
        <translation>超过本级办理时限（SLA），系统自动上报上一级</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="136"/>
        <source>Linked when reported: %1</source>
        <translation>登记时关联：%1</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="136"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="146"/>
        <source>%1 · %2 · %3 households
%4</source>
        <translation>%1 · %2 · %3户
%4</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="333"/>
        <source>Select a case in the queue or on the map.</source>
        <translation>请在工单队列或地图上选择案件。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="352"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="353"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="354"/>
        <source>Reported</source>
        <translation>报送时间</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="355"/>
        <source>Reporter</source>
        <translation>报送人</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="356"/>
        <source>Reporter&apos;s track</source>
        <translation>上报人轨迹</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="357"/>
        <source>Deadline at this level</source>
        <translation>本级办理时限</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="358"/>
        <source>Assignee</source>
        <translation>承办人</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="359"/>
        <source>Departments</source>
        <translation>承办部门</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="360"/>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="361"/>
        <source>Phones</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="362"/>
        <source>ID numbers</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="363"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="364"/>
        <source>Description</source>
        <translation>情况描述</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="365"/>
        <source>From sentiment log</source>
        <translation>来源民情日志</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="374"/>
        <source>Open in the log book</source>
        <translation>在民情日志中查看</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="384"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="389"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="390"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="391"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="392"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="393"/>
        <source>Reason / comment</source>
        <translation>理由/备注</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="401"/>
        <source>Timeline</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="405"/>
        <source>Issued</source>
        <translation>下发时间</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="406"/>
        <source>By</source>
        <translation>督办人</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="407"/>
        <source>To</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="408"/>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="409"/>
        <source>Instruction</source>
        <translation>督办意见</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="410"/>
        <source>Response</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="419"/>
        <source>Issue supervision order…</source>
        <translation>下发督办…</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="420"/>
        <source>Answer…</source>
        <translation>反馈…</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="421"/>
        <source>Sign off</source>
        <translation>销号</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="430"/>
        <source>Supervision</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="432"/>
        <source>Link</source>
        <translation>关联类型</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="432"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="432"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="434"/>
        <source>Links</source>
        <translation>关联案件</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="473"/>
        <source>This case is not visible to you.</source>
        <translation>您无权查看此案件。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="475"/>
        <source>Could not load the case: %1</source>
        <translation>案件加载失败：%1</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="503"/>
        <source>%1 m from where the reporter&apos;s phone was at the time: check it</source>
        <translation>距上报人当时手机位置 %1 米，请核实</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="506"/>
        <source>No reliable fix of the reporter within %1 minutes of the report</source>
        <translation>上报前后 %1 分钟内没有上报人的可靠定位</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="508"/>
        <source>Matches the reporter&apos;s track (%1 m)</source>
        <translation>与上报人轨迹相符（相距 %1 米）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="510"/>
        <source>(a mock-location fix nearby)</source>
        <translation>（附近有模拟定位）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="521"/>
        <source>Mass-incident risk</source>
        <translation>群体性事件风险</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="523"/>
        <source>Sensitive period</source>
        <translation>敏感时期</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="538"/>
        <source> (masked for your role)</source>
        <translation>（已按角色权限脱敏）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="557"/>
        <location filename="../../ui/cases/panel.py" line="559"/>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="574"/>
        <source>Reason: %1</source>
        <translation>理由：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/cases/panel.py" line="594"/>
        <source>Supervision (%n)</source>
        <translation>
            <numerusform>督办（%n）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="613"/>
        <source>Read-only for your role at this level.</source>
        <translation>您的角色在本层级只能查看。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="664"/>
        <source>Supervision order issued</source>
        <translation>督办已下发</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="672"/>
        <source>Answer the supervision order</source>
        <translation>反馈督办事项</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="677"/>
        <source>Answer recorded</source>
        <translation>反馈已记录</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="684"/>
        <source>Supervision order signed off</source>
        <translation>督办已销号</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="698"/>
        <location filename="../../ui/cases/panel.py" line="700"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="768"/>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="777"/>
        <source>Someone else changed this case</source>
        <translation>此案件已被他人修改</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="781"/>
        <source>Your change was not saved, and nothing was overwritten.

The other change: %1

The case has been reloaded; your input is kept — check the case and try again.</source>
        <translation>您的修改未保存，也未覆盖任何内容。

对方的修改：%1

案件已重新加载，您填写的内容已保留，请核对案件后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="804"/>
        <location filename="../../ui/cases/panel.py" line="807"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>CaseQueueModel</name>
    <message>
        <location filename="../../ui/cases/queue_model.py" line="231"/>
        <source>Time left until the SLA deadline (negative: overdue)</source>
        <translation>距办理时限的剩余时间（“超期”表示已超过时限）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_model.py" line="234"/>
        <source>%1 (this column cannot be sorted)</source>
        <translation>%1（此列不可排序）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_model.py" line="240"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_model.py" line="241"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_model.py" line="242"/>
        <source>Town / village</source>
        <translation>镇街/村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_model.py" line="243"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_model.py" line="244"/>
        <source>Severity</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_model.py" line="245"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_model.py" line="246"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_model.py" line="247"/>
        <source>Time left</source>
        <translation>剩余时限</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_model.py" line="248"/>
        <source>Assignee</source>
        <translation>承办人</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_model.py" line="249"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_model.py" line="359"/>
        <source>Mass incident</source>
        <translation>群体性事件风险</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_model.py" line="364"/>
        <source>Due %1</source>
        <translation>办理时限：%1</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_model.py" line="485"/>
        <source>The queue could not be read from the database: %1</source>
        <translation>无法从数据库读取工单队列：%1</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_model.py" line="625"/>
        <source>Live update failed: %1</source>
        <translation>实时更新失败：%1</translation>
    </message>
</context>
<context>
    <name>Chart</name>
    <message>
        <location filename="../../ui/analysis_pane.py" line="127"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>CityAdmin</name>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="42"/>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="43"/>
        <source>Edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="44"/>
        <source>Moved</source>
        <translation>调动</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="45"/>
        <source>Deactivated</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="46"/>
        <source>Reactivated</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="47"/>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="54"/>
        <source>Worker</source>
        <translation>队员</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="55"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="56"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>CityAdminDialog</name>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="282"/>
        <source>Workers and grids</source>
        <translation>队员与网格</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="299"/>
        <source>All towns</source>
        <translation>全部镇街</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="303"/>
        <source>Search name, pinyin initials, staff number, phone, device or grid</source>
        <translation>搜索姓名、拼音首字母、工号、电话、设备号或网格</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="307"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="316"/>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="317"/>
        <source>Worker name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="318"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="319"/>
        <source>Device id</source>
        <translation>设备号</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="320"/>
        <location filename="../../ui/city_admin_pane.py" line="345"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="321"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="322"/>
        <source>Squad</source>
        <translation>中队</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="323"/>
        <location filename="../../ui/city_admin_pane.py" line="348"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="328"/>
        <source>New worker…</source>
        <translation>新增队员…</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="329"/>
        <location filename="../../ui/city_admin_pane.py" line="354"/>
        <source>Edit / move…</source>
        <translation>编辑/调动…</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="330"/>
        <location filename="../../ui/city_admin_pane.py" line="355"/>
        <location filename="../../ui/city_admin_pane.py" line="511"/>
        <location filename="../../ui/city_admin_pane.py" line="516"/>
        <source>Deactivate…</source>
        <translation>停用…</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="342"/>
        <source>Grid code</source>
        <translation>网格编码</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="343"/>
        <source>Grid name</source>
        <translation>网格名称</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="344"/>
        <source>Village</source>
        <translation>村居</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="346"/>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="347"/>
        <source>Active workers</source>
        <translation>在岗队员</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="353"/>
        <source>New grid…</source>
        <translation>新增网格…</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="367"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="368"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="369"/>
        <source>What</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="370"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="371"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="372"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="379"/>
        <source>Grid workers</source>
        <translation>群工队员</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="380"/>
        <source>Grids</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="381"/>
        <source>Change log</source>
        <translation>变更记录</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="419"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="424"/>
        <source>Could not read the workers and grids: %1</source>
        <translation>无法读取队员和网格：%1</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="435"/>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="435"/>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="485"/>
        <source>%1 workers, %2 grids shown.</source>
        <translation>显示 %1 名队员、%2 个网格。</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="511"/>
        <location filename="../../ui/city_admin_pane.py" line="516"/>
        <source>Reactivate…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="550"/>
        <source>Reactivate a worker</source>
        <translation>恢复队员</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="550"/>
        <source>Deactivate a worker</source>
        <translation>停用队员</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="551"/>
        <source>%1 (%2), grid %3</source>
        <translation>%1（%2），网格：%3</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="564"/>
        <source>Reactivate a grid</source>
        <translation>恢复网格</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="564"/>
        <source>Deactivate a grid</source>
        <translation>停用网格</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="565"/>
        <source>%1 (%2), %3</source>
        <translation>%1（%2），%3</translation>
    </message>
</context>
<context>
    <name>CityImport</name>
    <message>
        <location filename="../../ui/import_reports.py" line="24"/>
        <source>Town boundaries</source>
        <translation>镇街边界</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="25"/>
        <source>Village boundaries</source>
        <translation>村居边界</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="26"/>
        <source>Grid boundaries</source>
        <translation>网格边界</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="27"/>
        <location filename="../../ui/import_reports.py" line="43"/>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="28"/>
        <source>Squads and brigades</source>
        <translation>中队和大队</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="29"/>
        <location filename="../../ui/import_reports.py" line="46"/>
        <source>Grid workers</source>
        <translation>群工队员</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="30"/>
        <source>Devices</source>
        <translation>终端</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="31"/>
        <location filename="../../ui/import_reports.py" line="47"/>
        <source>Village liaison officers</source>
        <translation>民情信息联络员</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="32"/>
        <location filename="../../ui/import_reports.py" line="48"/>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="39"/>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="40"/>
        <source>Towns</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="41"/>
        <source>Villages</source>
        <translation>村居</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="42"/>
        <source>Grids</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="44"/>
        <source>Brigades</source>
        <translation>群众工作大队</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="45"/>
        <source>Squads</source>
        <translation>中队</translation>
    </message>
</context>
<context>
    <name>CityImportDialog</name>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="56"/>
        <source>Import city data</source>
        <translation>导入城市数据</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="66"/>
        <source>Boundaries: GeoJSON or Shapefile (.shp with its .dbf and .prj) in WGS84 longitude/latitude. Rosters: CSV or Excel (.xlsx) with a header row. Rows are matched by code, so importing the same files again changes nothing. Check first: nothing is stored while any problem remains.</source>
        <translation>边界：WGS84 经纬度的 GeoJSON 或 Shapefile（.shp 及其 .dbf、.prj）。名册：带表头的 CSV 或 Excel（.xlsx）。按编码匹配，重复导入同样的文件不会改变任何数据。请先检查：只要还有问题，就不会写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="75"/>
        <location filename="../../ui/cityimport_dialog.py" line="138"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="75"/>
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="83"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="85"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="95"/>
        <source>default: code, 编码, 代码</source>
        <translation>默认：code、编码、代码</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="96"/>
        <source>default: name, 名称, 姓名</source>
        <translation>默认：name、名称、姓名</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="97"/>
        <source>default: parent_code, town_code, village_code</source>
        <translation>默认：parent_code、town_code、village_code</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="98"/>
        <source>Deactivate workers and grids that the files leave out</source>
        <translation>停用文件中没有的队员和网格</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="99"/>
        <source>Columns</source>
        <translation>字段对应</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="101"/>
        <source>Code column:</source>
        <translation>编码字段：</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="102"/>
        <source>Name column:</source>
        <translation>名称字段：</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="103"/>
        <source>Parent code column:</source>
        <translation>上级编码字段：</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="122"/>
        <source>What</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="123"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="124"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="125"/>
        <source>Deactivated</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="126"/>
        <source>Reactivated</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="127"/>
        <source>Unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="138"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="138"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="160"/>
        <source>Check (dry run)</source>
        <translation>检查（试运行）</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="162"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="164"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="191"/>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="204"/>
        <source>City data files</source>
        <translation>城市数据文件</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="206"/>
        <source>Boundaries and rosters (*.geojson *.json *.shp *.csv *.xlsx);;All files (*)</source>
        <translation>边界和名册 (*.geojson *.json *.shp *.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="240"/>
        <source>The files or options changed: check again before importing.</source>
        <translation>文件或选项已改变：导入前请重新检查。</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="265"/>
        <source>Checking the files…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="265"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="276"/>
        <source>Imported. The map and lists show the new data after a refresh (F5).</source>
        <translation>已导入。刷新（F5）后地图和列表显示新数据。</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="282"/>
        <source>No problems found. Nothing has been stored yet: press Import to store it.</source>
        <translation>未发现问题。尚未写入任何数据：按“导入”写入。</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="288"/>
        <source>%1 problems found; nothing is stored. Fix the files and check again.</source>
        <translation>发现 %1 个问题，未写入任何数据。请修改文件后重新检查。</translation>
    </message>
    <message>
        <location filename="../../ui/cityimport_dialog.py" line="298"/>
        <source>The import failed and nothing was stored: %1</source>
        <translation>导入失败，未写入任何数据：%1</translation>
    </message>
</context>
<context>
    <name>ConvertLogDialog</name>
    <message>
        <location filename="../../ui/logbook_pane.py" line="75"/>
        <source>Turn the sentiment log into a case</source>
        <translation>民情日志转为案件</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="103"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="104"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="105"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="106"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="107"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="108"/>
        <source>Reported by</source>
        <translation>报告人</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="109"/>
        <source>Log</source>
        <translation>日志内容</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="77"/>
        <source>File the case</source>
        <translation>确认立案</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="120"/>
        <source>The case needs a title.</source>
        <translation>请填写案件标题。</translation>
    </message>
</context>
<context>
    <name>CoverageModel</name>
    <message>
        <location filename="../../ui/logbook_model.py" line="347"/>
        <source>Households visited in the period over the households of the place; each grid counts at most 100 %</source>
        <translation>期间走访户数占该地户数的比例；每个网格最多按 100% 计</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_model.py" line="353"/>
        <source>Sum of the households visited in the period&apos;s logs (repeat visits count again)</source>
        <translation>期间民情日志记录的走访户数合计（重复走访重复计数）</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_model.py" line="361"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_model.py" line="362"/>
        <location filename="../../ui/logbook_model.py" line="369"/>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_model.py" line="363"/>
        <location filename="../../ui/logbook_model.py" line="366"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_model.py" line="378"/>
        <source>Visited / households</source>
        <translation>走访户次 / 总户数</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_model.py" line="371"/>
        <source>Grids</source>
        <translation>网格数</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_model.py" line="377"/>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_model.py" line="379"/>
        <source>Logs</source>
        <translation>日志数</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_model.py" line="380"/>
        <source>Grids not visited</source>
        <translation>未走访网格</translation>
    </message>
</context>
<context>
    <name>DaysSection</name>
    <message>
        <location filename="../../ui/villagework/days.py" line="59"/>
        <source>Previous month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="65"/>
        <source>Next month</source>
        <translation>下个月</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="68"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="74"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="74"/>
        <source>What</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="74"/>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="74"/>
        <location filename="../../ui/villagework/days.py" line="296"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="74"/>
        <source>Issues</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="79"/>
        <location filename="../../ui/villagework/days.py" line="323"/>
        <source>Issue raised</source>
        <translation>反映的问题</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="79"/>
        <location filename="../../ui/villagework/days.py" line="331"/>
        <source>Raised by</source>
        <translation>反映人</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="79"/>
        <source>Became</source>
        <translation>转为</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="82"/>
        <source>New schedule…</source>
        <translation>新建活动安排…</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="83"/>
        <source>New reception…</source>
        <translation>新建领导接访…</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="87"/>
        <source>Record…</source>
        <translation>登记情况…</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="88"/>
        <source>Raise issue…</source>
        <translation>登记反映问题…</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="98"/>
        <source>%1-%2</source>
        <translation>%1年%2月</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="129"/>
        <source>%1 · %2 people</source>
        <translation>%1 · %2 人</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="151"/>
        <source>%1 village days, %2 receptions</source>
        <translation>活动 %1 次，领导接访 %2 次</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="180"/>
        <source>Select a village day or a reception.</source>
        <translation>请选择一次活动或领导接访。</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="185"/>
        <source>Place: %1</source>
        <translation>地点：%1</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="189"/>
        <source>Notes: %1</source>
        <translation>情况记录：%1</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="191"/>
        <source>Visitors: %1</source>
        <translation>来访群众：%1</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="193"/>
        <source>Outcome: %1</source>
        <translation>接访结果：%1</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="216"/>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="218"/>
        <source>Sentiment log #%1</source>
        <translation>民情日志 #%1</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="225"/>
        <source>New village day schedule</source>
        <translation>新建三日合一活动安排</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="231"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="233"/>
        <source>Monthly on a day</source>
        <translation>每月固定日期</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="234"/>
        <source>Weekly on a weekday</source>
        <translation>每周固定星期</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="235"/>
        <source>Repeats</source>
        <translation>重复方式</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="239"/>
        <source>A day past the month&apos;s end means its last day.</source>
        <translation>当月没有该日期时，在月末最后一天举行。</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="240"/>
        <source>Day of month</source>
        <translation>每月几日</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="244"/>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="253"/>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="255"/>
        <source>e.g. the village&apos;s mass work room</source>
        <translation>例如：村群众工作室</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="256"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="288"/>
        <source>Record the village day</source>
        <translation>登记活动情况</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="290"/>
        <source>Day</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="300"/>
        <source>Attendance</source>
        <translation>参加人数</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="302"/>
        <source>What was publicised, deliberated and decided</source>
        <translation>宣传了什么政策、议定了哪些事项、公开了哪些内容</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="303"/>
        <source>Notes</source>
        <translation>情况记录</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="325"/>
        <source>Raised at</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="328"/>
        <source>What the resident raised</source>
        <translation>群众反映的具体问题</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="329"/>
        <source>Issue</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="333"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="340"/>
        <source>Record as a sentiment log</source>
        <translation>记入民情日志</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="341"/>
        <source>File as a case</source>
        <translation>登记为案件</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="342"/>
        <source>Becomes</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="346"/>
        <source>Case kind</source>
        <translation>案件类型</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/days.py" line="348"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
</context>
<context>
    <name>EnableForm</name>
    <message>
        <location filename="../../ui/users_pane.py" line="288"/>
        <source>Enable user</source>
        <translation>启用用户</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="295"/>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="296"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="299"/>
        <source>Enable “%1” (%2) again? They can log in and work as before.</source>
        <translation>重新启用“%1”（%2）？启用后该用户可以照常登录和工作。</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="308"/>
        <source>required: this user has no login yet</source>
        <translation>必填：该用户还没有登录角色</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="310"/>
        <source>leave empty to keep the old password</source>
        <translation>留空则保留原密码</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="315"/>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="316"/>
        <source>Confirm password</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="335"/>
        <source>The password needs at least %1 characters.</source>
        <translation>密码至少需要 %1 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="338"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>ErrandsSection</name>
    <message>
        <location filename="../../ui/villagework/errands.py" line="46"/>
        <source>Town or office</source>
        <translation>镇街或承办科室</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="47"/>
        <source>All</source>
        <translation>总数</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="48"/>
        <source>Open</source>
        <translation>在办</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="49"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="50"/>
        <source>Done late</source>
        <translation>逾期办结</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="57"/>
        <source>Overdue only</source>
        <translation>只看超期</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="59"/>
        <source>Open only</source>
        <translation>只看在办</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="67"/>
        <location filename="../../ui/villagework/errands.py" line="170"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="68"/>
        <location filename="../../ui/villagework/errands.py" line="176"/>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="69"/>
        <source>Office</source>
        <translation>承办科室</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="70"/>
        <source>Promised</source>
        <translation>承诺办结</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="71"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="80"/>
        <source>New errand…</source>
        <translation>登记代办事项…</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="81"/>
        <source>In progress</source>
        <translation>开始办理</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="82"/>
        <source>Done…</source>
        <translation>办结…</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="83"/>
        <source>Return</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="122"/>
        <source>%1, overdue</source>
        <translation>%1，已超期</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="133"/>
        <source>%1 errands, %2 overdue</source>
        <translation>代办事项 %1 件，超期 %2 件</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="151"/>
        <source>, done %1</source>
        <translation>，%1 办结</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="154"/>
        <source>%1 %2 · handler %3 · accepted %4, promised %5%6
Documents: %7</source>
        <translation>%1 %2 · 经办人：%3 · %4 受理，承诺 %5 办结%6
收件材料：%7</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="166"/>
        <source>New errand</source>
        <translation>登记代办事项</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="172"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="178"/>
        <source>Documents received, separated by 、</source>
        <translation>已收材料，用顿号“、”分隔</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="179"/>
        <source>Documents</source>
        <translation>收件材料</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="181"/>
        <source>Handling office</source>
        <translation>承办科室</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="183"/>
        <source>Handler</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="184"/>
        <source>Accepted</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="185"/>
        <source>Promised by</source>
        <translation>承诺办结日期</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="187"/>
        <source>Details</source>
        <translation>事项说明</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="221"/>
        <source>Select an errand first.</source>
        <translation>请先选择一件代办事项。</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="224"/>
        <source>Errand in progress</source>
        <translation>代办事项开始办理</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="225"/>
        <source>Errand done</source>
        <translation>代办事项办结</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="226"/>
        <source>Return the errand</source>
        <translation>退回代办事项</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="228"/>
        <location filename="../../ui/villagework/errands.py" line="230"/>
        <source>Errand</source>
        <translation>代办事项</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/errands.py" line="234"/>
        <source>Done on</source>
        <translation>办结日期</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="75"/>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="76"/>
        <source>This account is disabled. Ask the administrator to enable it again.</source>
        <translation>该账号已停用，请联系系统管理员重新启用。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="79"/>
        <source>The server accepted the login, but it has no Concord account. Ask the administrator to add you as a user.</source>
        <translation>服务器接受了登录，但该登录没有对应的系统用户。请联系系统管理员为您添加用户。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="84"/>
        <source>The server only accepts encrypted connections. Set the TLS mode of this profile to “require” or stricter.</source>
        <translation>服务器只接受加密连接。请将此服务器配置的 TLS 模式设为“require”或更严格的模式。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="89"/>
        <source>The server does not offer an encrypted (TLS) connection, but this profile requires one. Ask the administrator, or change the TLS mode of the profile.</source>
        <translation>此服务器配置要求加密（TLS）连接，但服务器未提供。请联系系统管理员，或修改配置的 TLS 模式。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="94"/>
        <source>The encrypted (TLS) connection could not be set up: the server&apos;s certificate was not accepted. Check the TLS mode and the certificate with the administrator.</source>
        <translation>无法建立加密（TLS）连接：服务器证书未通过验证。请与系统管理员核对 TLS 模式和证书。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="100"/>
        <source>The server has no database named “%1”. Check the profile.</source>
        <translation>服务器上没有名为“%1”的数据库，请检查服务器配置。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="103"/>
        <source>The server name “%1” cannot be found. Check the address and the network.</source>
        <translation>找不到服务器“%1”，请检查地址和网络。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="107"/>
        <source>The server %1 cannot be reached or refused the connection. Check that the server is running and the address and port are right.</source>
        <translation>无法连接服务器 %1，或服务器拒绝了连接。请确认服务器正在运行，地址和端口正确。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="115"/>
        <source>The server %1 did not answer in time. Check the network and try again.</source>
        <translation>服务器 %1 未能及时响应，请检查网络后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="118"/>
        <source>The connection to the server was lost.</source>
        <translation>与服务器的连接已断开。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="119"/>
        <source>The server has no free connections right now. Try again in a moment.</source>
        <translation>服务器当前连接数已满，请稍后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="122"/>
        <source>Your account lacks a permission it needs. Ask the administrator.</source>
        <translation>您的账号缺少所需权限，请联系系统管理员。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="123"/>
        <source>The database was created by a newer release of Concord than this one. Install the newer release to connect.</source>
        <translation>该数据库由更新版本的程序创建，请安装新版本后再连接。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="128"/>
        <source>The database schema is older than this program. Ask the administrator to run “python main.py db upgrade”.</source>
        <translation>数据库结构版本低于本程序，请系统管理员运行“python main.py db upgrade”升级。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="136"/>
        <source>Cannot connect to the database.</source>
        <translation>无法连接数据库。</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <location filename="../../ui/cases/exports.py" line="76"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/cases/exports.py" line="104"/>
        <source>The file was not written: %1</source>
        <translation>文件未写入：%1</translation>
    </message>
    <message>
        <location filename="../../ui/cases/exports.py" line="133"/>
        <source>Export the queue (CSV)</source>
        <translation>导出工单队列（CSV）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/exports.py" line="137"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/first_run.py" line="63"/>
        <source>Welcome to Concord</source>
        <translation>欢迎使用 Concord</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="69"/>
        <source>How should Concord start on this computer? The choice is remembered; File → Connect to server… switches to a server at any time.</source>
        <translation>本机上的 Concord 如何启动？您的选择会被记住；之后随时可通过“文件 → 连接到服务器…”切换到服务器。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="76"/>
        <source>Open the embedded demo city</source>
        <translation>打开内置演示城市</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="78"/>
        <source>A complete example city kept on this computer, with simulated grid workers: for training and trying Concord out.</source>
        <translation>保存在本机上的完整示例城市，网格员巡查与上报均为模拟：用于培训和试用。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="83"/>
        <source>Connect to a server profile</source>
        <translation>连接到服务器配置</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="85"/>
        <source>Log in to your city&apos;s central Concord server with the user name the administrator gave you.</source>
        <translation>使用系统管理员分配的用户名，登录本市的 Concord 中心服务器。</translation>
    </message>
</context>
<context>
    <name>GridDialog</name>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="182"/>
        <source>New grid</source>
        <translation>新增网格</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="182"/>
        <source>Edit or move a grid</source>
        <translation>编辑或移动网格</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="180"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="203"/>
        <source>why (kept in the change log)</source>
        <translation>原因（记入变更记录）</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="204"/>
        <source>Grid code:</source>
        <translation>网格编码：</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="205"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="206"/>
        <source>Village:</source>
        <translation>所属村居：</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="207"/>
        <source>Households:</source>
        <translation>户数：</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="208"/>
        <source>Population:</source>
        <translation>人口：</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="209"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="213"/>
        <source>A new grid has no boundary yet: draw it in a GIS and import it (File → Import city data…).</source>
        <translation>新网格暂无边界：请在 GIS 中绘制后导入（文件 → 导入城市数据…）。</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="222"/>
        <source>Choose a village.</source>
        <translation>请选择村居。</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../../ui/main_window.py" line="102"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/petitions_pane.py" line="685"/>
        <location filename="../../ui/petitions_pane.py" line="727"/>
        <source>Import petitions</source>
        <translation>导入信访件</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="693"/>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="694"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="701"/>
        <source>CSV with the export&apos;s Chinese headings, or JSON: a list of petitions. The file is checked first; nothing is stored while a row is wrong unless you import the valid rows only.</source>
        <translation>CSV 文件（表头与导出文件相同）或 JSON 文件（信访件列表）。导入前先逐行检查；只要有一行有误就不保存任何数据，除非您选择只导入有效行。</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="711"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="712"/>
        <source>Import the valid rows only</source>
        <translation>只导入有效行</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="713"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="727"/>
        <source>Petition files (*.csv *.json)</source>
        <translation>信访件文件 (*.csv *.json)</translation>
    </message>
</context>
<context>
    <name>ImportReport</name>
    <message>
        <location filename="../../ui/import_reports.py" line="66"/>
        <source>Row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="67"/>
        <source>%1 row %2</source>
        <translation>%1 第 %2 行</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="74"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="81"/>
        <source>File: %1 (%2)</source>
        <translation>文件：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="87"/>
        <source>%1: %2 new, %3 updated, %4 deactivated, %5 reactivated, %6 unchanged</source>
        <translation>%1：新增 %2，更新 %3，停用 %4，恢复 %5，不变 %6</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="100"/>
        <source>%1 problems found; nothing was imported:</source>
        <translation>发现 %1 个问题，未导入任何数据：</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="104"/>
        <source>Imported.</source>
        <translation>已导入。</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="106"/>
        <source>The check passed (a dry run: nothing was written).</source>
        <translation>检查通过（试运行，未写入任何数据）。</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="114"/>
        <source>The file cannot be read: %1</source>
        <translation>文件无法读取：%1</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="117"/>
        <source>%1 rows: %2 valid (%3 new, %4 updated), %5 with errors.</source>
        <translation>共 %1 行：有效 %2 行（新增 %3，更新 %4），有误 %5 行。</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="126"/>
        <source>no number</source>
        <translation>无编号</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="128"/>
        <source>Row %1 (%2): %3</source>
        <translation>第 %1 行（%2）：%3</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="132"/>
        <source>Trial import: nothing was saved.</source>
        <translation>试导入：未保存任何数据。</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="134"/>
        <source>%1 petitions saved.</source>
        <translation>已保存 %1 件。</translation>
    </message>
    <message>
        <location filename="../../ui/import_reports.py" line="136"/>
        <source>Nothing was saved.</source>
        <translation>未保存任何数据。</translation>
    </message>
</context>
<context>
    <name>Intake</name>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="67"/>
        <source>Reception hall visit</source>
        <translation>接待大厅来访</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="68"/>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="69"/>
        <source>Petition bureau transfer</source>
        <translation>信访局转办</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="70"/>
        <source>Grid worker report</source>
        <translation>网格员上报</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="113"/>
        <source>New case — desk intake</source>
        <translation>登记新案件 — 一站式接待</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="164"/>
        <source>File the case</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="174"/>
        <source>Received by</source>
        <translation>来访来电</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="184"/>
        <source>Channel</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="186"/>
        <location filename="../../ui/cases/intake_dialog.py" line="197"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="187"/>
        <location filename="../../ui/cases/intake_dialog.py" line="197"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="190"/>
        <source>Reporter</source>
        <translation>反映人</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="194"/>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="197"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="208"/>
        <source>Add a party</source>
        <translation>添加当事人</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="210"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="214"/>
        <source>as listed</source>
        <translation>按名单</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="218"/>
        <source>Number of people</source>
        <translation>涉及人数</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="224"/>
        <location filename="../../ui/cases/intake_dialog.py" line="314"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="228"/>
        <source>Village, community or grid — name or pinyin initials</source>
        <translation>村（社区）或网格名称，可输入拼音首字母</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="231"/>
        <source>Pick on the map</source>
        <translation>在地图上选点</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="241"/>
        <source>No place chosen yet</source>
        <translation>尚未选择地点</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="248"/>
        <source>The matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="259"/>
        <source>Kind and category</source>
        <translation>类型和类别</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="264"/>
        <source>Routed to</source>
        <translation>承办部门</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="268"/>
        <source>Short summary, e.g. 两户宅基地边界纠纷</source>
        <translation>简要概括，如：两户宅基地边界纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="269"/>
        <location filename="../../ui/cases/intake_dialog.py" line="313"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="271"/>
        <source>What the reporter says, what they ask for</source>
        <translation>反映人所述情况及诉求</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="273"/>
        <source>Description</source>
        <translation>情况描述</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="277"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="278"/>
        <source>Mass incident (5 or more people)</source>
        <translation>群体性事件（5 人及以上）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="279"/>
        <source>Sensitive period</source>
        <translation>敏感时期</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="284"/>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="293"/>
        <source>Possible duplicates (open cases)</source>
        <translation>疑似重复（在办案件）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="296"/>
        <location filename="../../ui/cases/intake_dialog.py" line="548"/>
        <source>Choose a place or enter a party to check.</source>
        <translation>选择地点或填写当事人后自动查重。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="301"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="302"/>
        <source>last </source>
        <translation>近 </translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="311"/>
        <source>Link</source>
        <translation>关联</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="312"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="315"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="316"/>
        <source>Why</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="332"/>
        <source>Tick “Link” to file the new case as related, or open the existing case.</source>
        <translation>勾选“关联”将新案件登记为相关案件，或打开已有案件办理。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="335"/>
        <source>Open the existing case</source>
        <translation>打开已有案件</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="387"/>
        <source>Chosen by the desk</source>
        <translation>由接待人员指定</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="398"/>
        <source>No department is routed for this category</source>
        <translation>该类别未设置分派部门</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="400"/>
        <source>By the routing table for this category</source>
        <translation>按类别分派规则自动带出</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="421"/>
        <source>(no department)</source>
        <translation>（不分派部门）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="428"/>
        <source>Today is in no sensitive period of the calendar.</source>
        <translation>今天不在敏感时期日历内。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="431"/>
        <source>Today is in the sensitive period “%1” (%2 to %3): the flag is on.</source>
        <translation>今天处于敏感时期“%1”（%2 至 %3），已自动勾选。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="445"/>
        <source>Could not reach the database: %1</source>
        <translation>无法访问数据库：%1</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="477"/>
        <source>No village or grid matches</source>
        <translation>没有匹配的村（社区）或网格</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="505"/>
        <source>The point is outside every grid of the city: pick again.</source>
        <translation>所选位置不在本市任何网格内，请重新选点。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="514"/>
        <source>Filed at: %1 (%2, %3)</source>
        <translation>登记地点：%1（%2, %3）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="521"/>
        <source>%1 is outside your town: you can file cases of your own town only.</source>
        <translation>%1不属于您所在的镇（街道）：只能登记本镇（街道）的案件。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="566"/>
        <source>same grid</source>
        <translation>同一网格</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="568"/>
        <source>same village</source>
        <translation>同一村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="570"/>
        <source>%1 m away</source>
        <translation>相距 %1 米</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="572"/>
        <source>same party name</source>
        <translation>当事人同名</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="574"/>
        <source>same phone</source>
        <translation>电话相同</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="604"/>
        <source>%1 open case(s) at the same place or with the same party.</source>
        <translation>同一地点或同一当事人有 %1 件在办案件。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="607"/>
        <source>No open case at this place or with these parties.</source>
        <translation>该地点和当事人没有在办案件。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="630"/>
        <source>Select a suggested case first.</source>
        <translation>请先选择一件疑似重复案件。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="692"/>
        <source>Similar open cases were found: tick “Link” or open the existing case. Press “File the case” again to file it as a new case.</source>
        <translation>发现疑似重复的在办案件：请勾选“关联”或打开已有案件。再次点击“登记”将作为新案件登记。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="22"/>
        <source>Reported</source>
        <translation>待受理</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23"/>
        <source>Escalated</source>
        <translation>已上报</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24"/>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25"/>
        <source>In progress</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26"/>
        <source>Resolved</source>
        <translation>待回访</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="27"/>
        <source>Verified</source>
        <translation>已回访</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="28"/>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="29"/>
        <source>Rejected</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30"/>
        <source>Duplicate</source>
        <translation>重复件</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31"/>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39"/>
        <source>Village</source>
        <translation>村级</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40"/>
        <source>Town</source>
        <translation>镇级</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="41"/>
        <source>City</source>
        <translation>市级</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="48"/>
        <source>General</source>
        <comment>severity</comment>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="49"/>
        <source>Major</source>
        <comment>severity</comment>
        <translation>较大</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="50"/>
        <source>Serious</source>
        <comment>severity</comment>
        <translation>重大</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="51"/>
        <source>Critical</source>
        <comment>severity</comment>
        <translation>特别重大</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="58"/>
        <source>Dispute</source>
        <translation>矛盾纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="59"/>
        <source>Hazard</source>
        <translation>隐患</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="60"/>
        <source>Errand</source>
        <translation>代办</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="67"/>
        <source>Neighbour</source>
        <translation>邻里</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="68"/>
        <source>Family</source>
        <translation>婚姻家庭</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="69"/>
        <source>Land</source>
        <translation>土地</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="70"/>
        <source>Labour</source>
        <translation>劳资</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="71"/>
        <source>Property</source>
        <translation>房产</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="72"/>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="73"/>
        <source>Other</source>
        <comment>category</comment>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="74"/>
        <source>Petition &amp; stability</source>
        <translation>信访稳定</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="75"/>
        <source>Public order</source>
        <translation>社会治安</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="76"/>
        <source>Work safety</source>
        <translation>安全生产</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="77"/>
        <source>Civil affairs</source>
        <translation>民政</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="78"/>
        <source>Disability</source>
        <translation>残疾</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="79"/>
        <source>Medical</source>
        <translation>医疗</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="80"/>
        <source>Housing permit</source>
        <translation>建房</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="81"/>
        <source>Family planning</source>
        <translation>计生</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="88"/>
        <source>Dispatcher</source>
        <translation>调度员</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="89"/>
        <source>Leader</source>
        <translation>市领导</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="90"/>
        <source>Town staff</source>
        <translation>镇街工作人员</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="91"/>
        <source>Department staff</source>
        <translation>部门工作人员</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="92"/>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="93"/>
        <source>Auditor</source>
        <translation>审计员</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="94"/>
        <source>Grid worker</source>
        <translation>群工队员</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="95"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="96"/>
        <source>Gateway service</source>
        <translation>现场网关服务</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="114"/>
        <source>%1d</source>
        <comment>duration</comment>
        <translation>%1天</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="116"/>
        <source>%1d %2h</source>
        <comment>duration</comment>
        <translation>%1天%2小时</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="119"/>
        <source>%1h %2m</source>
        <comment>duration</comment>
        <translation>%1小时%2分</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="121"/>
        <source>%1h</source>
        <comment>duration</comment>
        <translation>%1小时</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="124"/>
        <source>%1m</source>
        <comment>duration</comment>
        <translation>%1分钟</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="125"/>
        <source>-%1</source>
        <comment>overdue by a duration</comment>
        <translation>超期%1</translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <location filename="../../ui/cases/panel.py" line="114"/>
        <source>Duplicate of</source>
        <translation>重复于</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="115"/>
        <source>Related</source>
        <translation>相关</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="116"/>
        <source>Merged into</source>
        <translation>合并至</translation>
    </message>
</context>
<context>
    <name>LogBookModel</name>
    <message>
        <location filename="../../ui/logbook_model.py" line="128"/>
        <source>Visited</source>
        <translation>走访时间</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_model.py" line="130"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_model.py" line="131"/>
        <source>Worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_model.py" line="132"/>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_model.py" line="134"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_model.py" line="133"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_model.py" line="129"/>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_model.py" line="152"/>
        <source>Turned into this case; double-click to open it</source>
        <translation>已转为此案件；双击打开</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_model.py" line="198"/>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_model.py" line="251"/>
        <source>The sentiment logs could not be read: %1</source>
        <translation>无法读取民情日志：%1</translation>
    </message>
</context>
<context>
    <name>LogBookPane</name>
    <message>
        <location filename="../../ui/logbook_pane.py" line="194"/>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="195"/>
        <source>Visit coverage</source>
        <translation>走访覆盖率</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="212"/>
        <source>Search content, place or worker (pinyin initials too)</source>
        <translation>搜索内容、地点或网格员（支持拼音首字母）</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="217"/>
        <source>All logs</source>
        <translation>全部日志</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="218"/>
        <source>Turned into cases</source>
        <translation>已转案件</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="219"/>
        <source>Not turned into cases</source>
        <translation>未转案件</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="239"/>
        <location filename="../../ui/logbook_pane.py" line="349"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="241"/>
        <location filename="../../ui/logbook_pane.py" line="351"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="300"/>
        <source>Turn into a case…</source>
        <translation>转为案件…</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="306"/>
        <source>Show on map</source>
        <translation>在地图上显示</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="338"/>
        <source>Per grid</source>
        <translation>按网格</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="339"/>
        <source>Per village</source>
        <translation>按村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="340"/>
        <source>Per town</source>
        <translation>按镇街</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="409"/>
        <source>All towns</source>
        <translation>全部镇街</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="422"/>
        <source>All villages</source>
        <translation>全部村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="424"/>
        <location filename="../../ui/logbook_pane.py" line="457"/>
        <source>All workers</source>
        <translation>全部网格员</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="504"/>
        <source>%1 logs</source>
        <translation>共 %1 条</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="515"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="545"/>
        <source>Select a log to read it.</source>
        <translation>选择一条民情日志查看详情。</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="555"/>
        <source>%1 · %2 %3 · %4 · %5 · %6 households</source>
        <translation>%1 · %2 %3 · %4 · %5 · 走访 %6 户</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="571"/>
        <source>This log has already been turned into a case.</source>
        <translation>这条民情日志已经转为案件。</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="572"/>
        <source>Open case %1</source>
        <translation>打开案件 %1</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="644"/>
        <location filename="../../ui/logbook_pane.py" line="660"/>
        <source>This log has already been turned into case %1.</source>
        <translation>这条民情日志已经转为案件 %1，不能再次转换。</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="687"/>
        <source>Case %1 filed from the sentiment log.</source>
        <translation>已由民情日志立案：%1。</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="698"/>
        <source>The case could not be filed: %1</source>
        <translation>未能立案：%1</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="742"/>
        <source>%1 new — show</source>
        <translation>新到 %1 条 — 显示</translation>
    </message>
    <message>
        <location filename="../../ui/logbook_pane.py" line="770"/>
        <source>%1 to %2: %3 of %4 households covered (%5); %6 household visits in the logs.</source>
        <translation>%1 至 %2：覆盖 %3 / %4 户（%5）；日志记录走访 %6 户次。</translation>
    </message>
</context>
<context>
    <name>LogDialog</name>
    <message>
        <location filename="../../ui/screening_pane.py" line="463"/>
        <source>New sentiment log from the round</source>
        <translation>登记本次排查发现的民情日志</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="472"/>
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="473"/>
        <source>Households visited</source>
        <translation>走访户数</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="474"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>Login</name>
    <message>
        <location filename="../../ui/login.py" line="237"/>
        <source>disable — never encrypted</source>
        <translation>disable — 不加密</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="238"/>
        <source>allow — encrypted if the server insists</source>
        <translation>allow — 服务器要求时加密</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="239"/>
        <source>prefer — encrypted if the server offers it</source>
        <translation>prefer — 服务器支持时加密</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="240"/>
        <source>require — always encrypted</source>
        <translation>require — 始终加密</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="241"/>
        <source>verify-ca — encrypted, certificate checked</source>
        <translation>verify-ca — 加密并验证证书</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="242"/>
        <source>verify-full — encrypted, certificate and name checked</source>
        <translation>verify-full — 加密并验证证书和主机名</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="261"/>
        <source>Connect to server</source>
        <translation>连接到服务器</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="280"/>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="281"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="282"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="286"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="293"/>
        <source>Remember password (in the system&apos;s keyring)</source>
        <translation>记住密码（保存在系统密钥环中）</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="294"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="295"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="299"/>
        <source>No secure password store (keyring) is available on this computer: the password cannot be remembered and is asked each time.</source>
        <translation>本机没有可用的安全密码存储（密钥环），无法记住密码，每次登录都需要输入。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="312"/>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="353"/>
        <source>No server profile yet: add one with “New…”.</source>
        <translation>还没有服务器配置，请点击“新建…”添加。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="387"/>
        <source>Delete profile</source>
        <translation>删除服务器配置</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="387"/>
        <source>Delete the server profile “%1”?</source>
        <translation>删除服务器配置“%1”？</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="422"/>
        <source>Choose or add a server profile first.</source>
        <translation>请先选择或添加服务器配置。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="425"/>
        <source>Please enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="433"/>
        <source>Connecting to %1 …</source>
        <translation>正在连接 %1 …</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="121"/>
        <source>Dispute Screening and Resolution Command Center</source>
        <translation>矛盾纠纷排查化解指挥中心</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="144"/>
        <source>Ticket queue</source>
        <translation>工单队列</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="149"/>
        <source>Sentiment logs</source>
        <translation>民情日志</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155"/>
        <source>Screening</source>
        <translation>排查</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="165"/>
        <source>Workers</source>
        <translation>群工队员</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174"/>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="185"/>
        <source>Meetings</source>
        <translation>协调会</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="191"/>
        <source>Analysis</source>
        <translation>分析研判</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="202"/>
        <source>Petitions</source>
        <translation>信访</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="213"/>
        <source>Village work</source>
        <translation>三日合一与代办</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="273"/>
        <source>Next case in the queue</source>
        <translation>队列中的下一个案件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="274"/>
        <source>Accept the selected case</source>
        <translation>受理所选案件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="275"/>
        <source>Escalate the selected case</source>
        <translation>上报所选案件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="276"/>
        <source>Assign the selected case</source>
        <translation>交办所选案件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="277"/>
        <source>Resolve the selected case</source>
        <translation>办结所选案件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="278"/>
        <source>Search the queue</source>
        <translation>搜索工单队列</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="279"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="280"/>
        <source>Wall display (map and alerts, full screen)</source>
        <translation>大屏模式（地图和告警，全屏）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="281"/>
        <source>Show or hide this help</source>
        <translation>显示/隐藏本帮助</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="284"/>
        <source>New case (desk intake)</source>
        <translation>登记新案件（一站式接待）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="288"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="289"/>
        <source>Connect to server…</source>
        <translation>连接到服务器…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="293"/>
        <source>Users and logins…</source>
        <translation>用户与登录…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="305"/>
        <source>Import city data…</source>
        <translation>导入城市数据…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="307"/>
        <source>Workers and grids…</source>
        <translation>队员与网格…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="313"/>
        <source>Basemap…</source>
        <translation>底图…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="318"/>
        <source>Export the queue (CSV)…</source>
        <translation>导出工单队列（CSV）…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="321"/>
        <source>Analysis briefing (PDF / Excel)…</source>
        <translation>研判简报（PDF / Excel）…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="324"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="338"/>
        <source>Language</source>
        <translation>语言 / Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="347"/>
        <source>Wall display</source>
        <translation>大屏模式</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="351"/>
        <source>Track replay…</source>
        <translation>轨迹回放…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="354"/>
        <source>&amp;Cases</source>
        <translation>案件(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="357"/>
        <source>New case…</source>
        <translation>登记新案件…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="365"/>
        <source>Sensitive periods…</source>
        <translation>敏感时期…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="368"/>
        <source>Category routing…</source>
        <translation>类别分派规则…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="382"/>
        <source>Assign selected cases…</source>
        <translation>批量交办…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="383"/>
        <source>Escalate selected cases…</source>
        <translation>批量上报…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="390"/>
        <source>Convene a meeting on the selected cases…</source>
        <translation>就所选案件召集协调会…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="394"/>
        <source>Responsibility trace of the selected case…</source>
        <translation>所选案件的责任倒查…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="399"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="400"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="403"/>
        <source>About Concord</source>
        <translation>关于 Concord</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="427"/>
        <source>Briefing written: %1</source>
        <translation>研判简报已生成：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="438"/>
        <source>%1 cases exported to %2</source>
        <translation>已导出 %1 件案件到 %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="449"/>
        <source>Your role does not file cases.</source>
        <translation>您的角色不能登记案件。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="471"/>
        <source>Click the place of the case on the map · Esc cancels</source>
        <translation>请在地图上点击事发地点 · 按 Esc 取消</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="485"/>
        <source>Case filed.</source>
        <translation>案件已登记。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="532"/>
        <source>Select a case first.</source>
        <translation>请先选择一个案件。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="714"/>
        <location filename="../../ui/main_window.py" line="739"/>
        <source>Database connection lost — saving is disabled until it is back</source>
        <translation>数据库连接已断开，恢复前无法保存</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="722"/>
        <source>Connected to the server again — catching up</source>
        <translation>已重新连接服务器，正在同步最新数据</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="727"/>
        <source>Server unreachable — saving is disabled until it is back</source>
        <translation>无法连接服务器，恢复连接前不能保存</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="735"/>
        <source>Saving is disabled: the server cannot be reached (%1). Your input is kept.</source>
        <translation>暂时不能保存：无法连接服务器（%1）。已填写的内容会保留。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="757"/>
        <source>Server unreachable — reconnecting</source>
        <translation>服务器断开 — 正在重连</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="764"/>
        <source> · newest data %1 s ago</source>
        <translation> · 最新数据 %1 秒前</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="765"/>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="768"/>
        <source>Connection lost — reconnecting</source>
        <translation>连接已断开，正在重连</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="771"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="259"/>
        <location filename="../../ui/main_window.py" line="774"/>
        <source>Workers online: %1 / %2</source>
        <translation>在线群工队员：%1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="798"/>
        <source>Queue: %1 cases of this town; the rise was in %2.</source>
        <translation>工单队列：该镇街的%1案件；上升的类别是%2。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="807"/>
        <source>The language changes the next time Concord starts.</source>
        <translation>界面语言将在下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="827"/>
        <location filename="../../ui/main_window.py" line="850"/>
        <source>Select cases in the queue first.</source>
        <translation>请先在工单队列中选择案件。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="852"/>
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n 个案件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="857"/>
        <source>%1 the %n selected case(s)? Each gets its own entry in the audit trail.</source>
        <translation>
            <numerusform>确定对所选 %n 个案件执行“%1”吗？每个案件将分别记入审计记录。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="874"/>
        <source>Done: %1. Refused: %2.</source>
        <translation>已完成：%1 件；未执行：%2 件。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="877"/>
        <source>Bulk action</source>
        <translation>批量操作</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location filename="../../ui/live/map_view.py" line="505"/>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="506"/>
        <source>Towns</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="507"/>
        <source>Villages</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="508"/>
        <source>Grids</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="509"/>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="510"/>
        <source>Workers</source>
        <translation>群工队员</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="511"/>
        <source>Tiles</source>
        <translation>底图</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="512"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="513"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="514"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="515"/>
        <source>Squad</source>
        <translation>中队</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="516"/>
        <source>Last report</source>
        <translation>最后上报</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="517"/>
        <source>Battery</source>
        <translation>电量</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="518"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="519"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="520"/>
        <source>Severity</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="521"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="522"/>
        <source>stale</source>
        <translation>信号延迟</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="523"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="524"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="525"/>
        <location filename="../../ui/live/map_view.py" line="551"/>
        <source>Sentiment logs</source>
        <translation>民情日志</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="526"/>
        <source>Case heat</source>
        <translation>案件热力图</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="527"/>
        <source>Heat of cases reported in</source>
        <translation>热力图时段：</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="529"/>
        <source>the last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="530"/>
        <source>the last 90 days</source>
        <translation>近 90 天</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="531"/>
        <source>the last 365 days</source>
        <translation>近 365 天</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="532"/>
        <source>all history</source>
        <translation>全部历史</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="534"/>
        <source>households</source>
        <translation>户</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="535"/>
        <source>turned into a case</source>
        <translation>已转案件</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="537"/>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="538"/>
        <source>Hide the legend</source>
        <translation>收起图例</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="539"/>
        <source>Show the legend</source>
        <translation>展开图例</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="540"/>
        <source>Cases (colour: severity)</source>
        <translation>案件（颜色表示严重程度）</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="541"/>
        <source>Escalated or above village level</source>
        <translation>已上报或在村级以上办理</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="542"/>
        <source>Mass incident</source>
        <translation>群体性事件风险</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="543"/>
        <source>Selected case</source>
        <translation>当前选中的案件</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="544"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="545"/>
        <source>Due soon</source>
        <translation>临期</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="546"/>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="547"/>
        <source>Grid workers (last fix)</source>
        <translation>群工队员（按最近定位）</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="548"/>
        <source>online (fix within 10 min)</source>
        <translation>在线（10分钟内有定位）</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="549"/>
        <source>stale (10–60 min)</source>
        <translation>信号延迟（10–60分钟）</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="550"/>
        <source>offline (over 60 min)</source>
        <translation>离线（超过60分钟）</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="552"/>
        <source>log</source>
        <translation>民情日志</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="553"/>
        <source>log turned into a case</source>
        <translation>已转为案件的民情日志</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="554"/>
        <source>Boundaries</source>
        <translation>边界</translation>
    </message>
    <message>
        <location filename="../../ui/live/map_view.py" line="555"/>
        <source>Village and grid lines up close</source>
        <translation>放大时显示村（社区）和网格边界</translation>
    </message>
</context>
<context>
    <name>MeetingActions</name>
    <message>
        <location filename="../../ui/meetings/actions.py" line="76"/>
        <source>Not saved, conflicts:</source>
        <translation>未保存，存在冲突：</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="80"/>
        <source>Meetings</source>
        <translation>协调会</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="120"/>
        <source>Reason (recorded in the audit trail):</source>
        <translation>原因（记入审计记录）：</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="127"/>
        <source>Cancel meeting</source>
        <translation>取消会议</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="137"/>
        <source>Postpone meeting</source>
        <translation>会议延期</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="175"/>
        <source>Action item done</source>
        <translation>事项办结</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="175"/>
        <source>Evidence of completion:</source>
        <translation>办结依据：</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="189"/>
        <source>Supervision order %1 issued.</source>
        <translation>已下发督办单 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="204"/>
        <source>Decline invitation</source>
        <translation>请假不参会</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="204"/>
        <source>Reason for declining:</source>
        <translation>请假原因：</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="211"/>
        <source>Send a deputy</source>
        <translation>委派代表</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="211"/>
        <source>Name of the deputy who attends:</source>
        <translation>代为参会人员姓名：</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="223"/>
        <source>Export calendar</source>
        <translation>导出日历</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="223"/>
        <location filename="../../ui/meetings/actions.py" line="239"/>
        <source>iCalendar (*.ics)</source>
        <translation>iCalendar 日历 (*.ics)</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="231"/>
        <source>Exported %1 meetings.</source>
        <translation>已导出 %1 个会议。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="239"/>
        <location filename="../../ui/meetings/actions.py" line="249"/>
        <source>Import busy times</source>
        <translation>导入忙碌时间</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="250"/>
        <source>Department whose busy times these are (replaces its earlier import):</source>
        <translation>这些忙碌时间所属的部门（将替换该部门此前导入的忙碌时间）：</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="261"/>
        <source>Imported %1 busy times for %2.</source>
        <translation>已为%2导入 %1 条忙碌时间。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="291"/>
        <source>Not moved, conflicts:</source>
        <translation>未调整，存在冲突：</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="303"/>
        <source>Only a draft, scheduled or postponed meeting can be moved.</source>
        <translation>只有草稿、已安排或已延期的会议可以调整时间。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="318"/>
        <source>Meeting convened; no free slot was found, please schedule it by hand.</source>
        <translation>会议已召集；未找到各方均空闲的时段，请手动安排时间。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="321"/>
        <source>Meeting convened; proposed slot: %1.</source>
        <translation>会议已召集；建议时段：%1。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/actions.py" line="323"/>
        <source>This is after the cases&apos; deadline.</source>
        <translation>该时段晚于案件办理期限。</translation>
    </message>
</context>
<context>
    <name>MeetingDetailView</name>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="40"/>
        <location filename="../../ui/meetings/detail_view.py" line="93"/>
        <source>No meeting selected</source>
        <translation>未选择会议</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="60"/>
        <location filename="../../ui/meetings/detail_view.py" line="123"/>
        <source>Schedule…</source>
        <translation>安排时间…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="61"/>
        <source>Hold</source>
        <translation>召开</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="62"/>
        <source>Cancel meeting…</source>
        <translation>取消会议…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="63"/>
        <source>Postpone…</source>
        <translation>延期…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="64"/>
        <source>Record minutes…</source>
        <translation>记录纪要…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="65"/>
        <source>Approve minutes</source>
        <translation>审定纪要</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="66"/>
        <source>Action item done…</source>
        <translation>事项办结…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="67"/>
        <source>Supervision order</source>
        <translation>转督办</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="68"/>
        <source>Export notice (PDF)…</source>
        <translation>导出会议通知（PDF）…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="69"/>
        <source>Export minutes (PDF)…</source>
        <translation>导出会议纪要（PDF）…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="94"/>
        <source>Click a meeting in the calendar.</source>
        <translation>请在日历中点击一个会议。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="98"/>
        <source>(no room)</source>
        <translation>（无会议室）</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="100"/>
        <source>Time: %1 – %2</source>
        <translation>时间：%1 – %2</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="101"/>
        <source>Place: %1</source>
        <translation>地点：%1</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="102"/>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="103"/>
        <source>Convener: %1</source>
        <translation>召集人：%1</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="106"/>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/detail_view.py" line="123"/>
        <source>Reschedule…</source>
        <translation>调整时间…</translation>
    </message>
</context>
<context>
    <name>MeetingDocuments</name>
    <message>
        <location filename="../../ui/meetings/documents.py" line="47"/>
        <source>Meeting notice</source>
        <translation>会议通知</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="48"/>
        <source>Meeting minutes</source>
        <translation>会议纪要</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="49"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="50"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="51"/>
        <source>Convener</source>
        <translation>召集人</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="52"/>
        <source>Participants</source>
        <translation>参会方</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="53"/>
        <source>Agenda</source>
        <translation>议程</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="54"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="55"/>
        <source>Agenda item</source>
        <translation>议题</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="56"/>
        <source>Summary</source>
        <translation>案件摘要</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="57"/>
        <source>General minutes</source>
        <translation>会议综述</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="58"/>
        <source>Decisions and action items</source>
        <translation>议定事项及督办任务</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="59"/>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="60"/>
        <source>Owner</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="61"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="62"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="63"/>
        <source>Whole meeting</source>
        <translation>全体会议</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="64"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="80"/>
        <source>Export notice (PDF)</source>
        <translation>导出会议通知（PDF）</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="85"/>
        <source>Export minutes (PDF)</source>
        <translation>导出会议纪要（PDF）</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="90"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="100"/>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="104"/>
        <source>Meetings</source>
        <translation>协调会</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/documents.py" line="106"/>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
</context>
<context>
    <name>Meetings</name>
    <message>
        <location filename="../../ui/meetings/labels.py" line="36"/>
        <location filename="../../ui/meetings/labels.py" line="58"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="37"/>
        <source>Scheduled</source>
        <translation>已安排</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="38"/>
        <source>Held</source>
        <translation>已召开</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="39"/>
        <source>Minutes approved</source>
        <translation>纪要已审定</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="40"/>
        <location filename="../../ui/meetings/labels.py" line="61"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="41"/>
        <source>Postponed</source>
        <translation>已延期</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="48"/>
        <source>Invited</source>
        <translation>已邀请</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="49"/>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="50"/>
        <source>Declined</source>
        <translation>已谢绝</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="51"/>
        <source>Sends a deputy</source>
        <translation>委派代表</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="59"/>
        <source>Awaiting department</source>
        <translation>待部门办理</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="60"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="77"/>
        <source>Person %1</source>
        <translation>人员 %1</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="78"/>
        <source>Department %1</source>
        <translation>部门 %1</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="79"/>
        <source>Room %1</source>
        <translation>会议室 %1</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="87"/>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="88"/>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="89"/>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="90"/>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="91"/>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="92"/>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="93"/>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="104"/>
        <source>%1 (%2) is a day off (weekend or public holiday)</source>
        <translation>%1（%2）是休息日（周末或法定节假日）</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="110"/>
        <source>%1–%2 is outside working hours (%3–%4)</source>
        <translation>%1–%2 超出工作时间（%3–%4）</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="119"/>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="121"/>
        <source>%1 is already booked: %2–%3 (%4)</source>
        <translation>%1 已有安排：%2–%3（%4）</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/labels.py" line="122"/>
        <source>%1 is already booked: %2–%3</source>
        <translation>%1 已有安排：%2–%3</translation>
    </message>
</context>
<context>
    <name>MeetingsPane</name>
    <message>
        <location filename="../../ui/meetings/pane.py" line="120"/>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/pane.py" line="121"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
</context>
<context>
    <name>MinutesActionsSection</name>
    <message>
        <location filename="../../ui/meetings/minutes_actions.py" line="31"/>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/minutes_actions.py" line="31"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/minutes_actions.py" line="31"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/minutes_actions.py" line="41"/>
        <source>Action items</source>
        <translation>会议交办事项</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/minutes_actions.py" line="50"/>
        <source>Minutes: %1</source>
        <translation>纪要：%1</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/minutes_actions.py" line="55"/>
        <source>%1, overdue</source>
        <translation>%1，已超期</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/minutes_actions.py" line="57"/>
        <source>%1, supervised</source>
        <translation>%1，已督办</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/minutes_actions.py" line="61"/>
        <source>Department: %1</source>
        <translation>部门：%1</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/minutes_actions.py" line="79"/>
        <source>%1 — %2; evidence: %3</source>
        <translation>%1 — %2；办结依据：%3</translation>
    </message>
</context>
<context>
    <name>MinutesDialog</name>
    <message>
        <location filename="../../ui/meetings/dialogs.py" line="128"/>
        <source>Record minutes</source>
        <translation>记录会议纪要</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/dialogs.py" line="133"/>
        <source>Minutes</source>
        <translation>纪要</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/dialogs.py" line="149"/>
        <source>Action items</source>
        <translation>交办事项</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/dialogs.py" line="152"/>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/dialogs.py" line="152"/>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/dialogs.py" line="152"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/dialogs.py" line="152"/>
        <source>Agenda item</source>
        <translation>议题</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/dialogs.py" line="157"/>
        <source>Add action item</source>
        <translation>添加交办事项</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/dialogs.py" line="193"/>
        <source>(whole meeting)</source>
        <translation>（整个会议）</translation>
    </message>
</context>
<context>
    <name>NewUserForm</name>
    <message>
        <location filename="../../ui/users_pane.py" line="159"/>
        <source>New user</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="162"/>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="163"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="166"/>
        <source>lower-case letters, digits and _, e.g. zhang_wei</source>
        <translation>小写字母、数字和下划线，例如 zhang_wei</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="169"/>
        <source>the name shown in case histories, e.g. 张伟</source>
        <translation>在案件记录中显示的姓名，例如 张伟</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="186"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="187"/>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="188"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="189"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="190"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="191"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="192"/>
        <source>Confirm password</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="200"/>
        <source>The user logs in to the central database with this user name and password (at least %1 characters). Tell them the password in person.</source>
        <translation>该用户用此用户名和密码登录中心数据库（密码至少 %1 个字符）。请当面告知密码。</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="209"/>
        <source>The embedded database has no logins, so no password is set: on this PC the program acts as the user chosen when it starts.</source>
        <translation>嵌入式数据库没有登录角色，因此无需设置密码：在本机上，程序以启动时选择的用户身份工作。</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="241"/>
        <source>Enter a user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="247"/>
        <source>Choose the town this user works for.</source>
        <translation>请选择该用户所属的镇街。</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="250"/>
        <source>Choose the department this user works for.</source>
        <translation>请选择该用户所属的部门。</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="256"/>
        <source>The password needs at least %1 characters.</source>
        <translation>密码至少需要 %1 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="260"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>ParticipantsSection</name>
    <message>
        <location filename="../../ui/meetings/participants_agenda.py" line="45"/>
        <source>Participant</source>
        <translation>参会方</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/participants_agenda.py" line="45"/>
        <source>Invitation</source>
        <translation>邀请状态</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/participants_agenda.py" line="48"/>
        <source>Participants</source>
        <translation>参会方</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/participants_agenda.py" line="51"/>
        <source>Confirm</source>
        <translation>确认参会</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/participants_agenda.py" line="52"/>
        <source>Decline…</source>
        <translation>请假…</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/participants_agenda.py" line="53"/>
        <source>Send a deputy…</source>
        <translation>委派代表…</translation>
    </message>
</context>
<context>
    <name>PeriodsDialog</name>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="815"/>
        <source>Sensitive periods</source>
        <translation>敏感时期</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="822"/>
        <location filename="../../ui/cases/intake_dialog.py" line="847"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="822"/>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="822"/>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="822"/>
        <location filename="../../ui/cases/intake_dialog.py" line="849"/>
        <source>Focus</source>
        <translation>工作重点</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="831"/>
        <source>Period</source>
        <translation>敏感时期</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="848"/>
        <source>Dates</source>
        <translation>起止日期</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="853"/>
        <source>Dispatchers and administrators keep this calendar.</source>
        <translation>敏感时期日历由市信息中心值班员和系统管理员维护。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="859"/>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="861"/>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="863"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="919"/>
        <location filename="../../ui/cases/intake_dialog.py" line="928"/>
        <source>Select a period in the list first.</source>
        <translation>请先在列表中选择一个敏感时期。</translation>
    </message>
</context>
<context>
    <name>Petitions</name>
    <message>
        <location filename="../../ui/petitions_pane.py" line="63"/>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="64"/>
        <source>Town</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="65"/>
        <source>County-level city</source>
        <translation>县（市）</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="66"/>
        <source>Province</source>
        <translation>省</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="67"/>
        <source>National</source>
        <translation>国家</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="74"/>
        <source>Letter</source>
        <translation>来信</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="75"/>
        <source>Visit</source>
        <translation>来访</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="76"/>
        <source>Online</source>
        <translation>网上信访</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="83"/>
        <source>Registered</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="84"/>
        <source>Transferred</source>
        <translation>转办</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="85"/>
        <source>Being handled</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="86"/>
        <source>Concluded</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="92"/>
        <source>Covert</source>
        <translation>暗访</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="92"/>
        <source>Overt</source>
        <translation>明查</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="98"/>
        <source>Repeat (%1 before)</source>
        <translation>重复访（此前 %1 次）</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="100"/>
        <source>Level-skipping</source>
        <translation>越级访</translation>
    </message>
</context>
<context>
    <name>PetitionsPane</name>
    <message>
        <location filename="../../ui/petitions_pane.py" line="167"/>
        <source>Petitions</source>
        <translation>信访件</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="168"/>
        <source>Year on year</source>
        <translation>同比</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="169"/>
        <source>Spot checks</source>
        <translation>明查暗访</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="170"/>
        <source>Opinion polls</source>
        <translation>民意调查</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="186"/>
        <location filename="../../ui/petitions_pane.py" line="286"/>
        <location filename="../../ui/petitions_pane.py" line="334"/>
        <source>All towns</source>
        <translation>全部镇街</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="189"/>
        <location filename="../../ui/petitions_pane.py" line="264"/>
        <source>All petitions</source>
        <translation>全部信访件</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="190"/>
        <source>Flagged</source>
        <translation>重复访或越级访</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="191"/>
        <source>Repeat petitions</source>
        <translation>重复访</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="192"/>
        <source>Level-skipping petitions</source>
        <translation>越级访</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="196"/>
        <source>All channels</source>
        <translation>全部信访方式</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="200"/>
        <source>Number, matter, petitioner, case</source>
        <translation>编号、事项、信访人、案件</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="210"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="212"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="217"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="218"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="219"/>
        <source>Link to case…</source>
        <translation>关联案件…</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="220"/>
        <source>Open case</source>
        <translation>打开案件</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="231"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="232"/>
        <location filename="../../ui/petitions_pane.py" line="309"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="233"/>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="234"/>
        <source>Petitioner</source>
        <translation>信访人</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="235"/>
        <source>Received at</source>
        <translation>登记层级</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="236"/>
        <source>Channel</source>
        <translation>信访方式</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="237"/>
        <source>Category</source>
        <translation>事项类别</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="238"/>
        <source>Matter</source>
        <translation>信访事项</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="239"/>
        <location filename="../../ui/petitions_pane.py" line="346"/>
        <location filename="../../ui/petitions_pane.py" line="464"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="240"/>
        <source>Status</source>
        <translation>办理状态</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="241"/>
        <source>Case</source>
        <translation>关联案件</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="265"/>
        <source>Visits only</source>
        <translation>仅来访</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="266"/>
        <source>Count</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="275"/>
        <source>Each cell: petitions in the month (same month last year).</source>
        <translation>每格：当月信访件数（括号内为上年同月）。</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="288"/>
        <source>Overt and covert</source>
        <translation>明查和暗访</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="291"/>
        <source>Rectification outstanding</source>
        <translation>整改未完成</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="292"/>
        <source>New spot check…</source>
        <translation>登记明查暗访…</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="298"/>
        <source>Mark rectified</source>
        <translation>标记已整改</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="299"/>
        <source>Record that the selected check&apos;s rectification is done</source>
        <translation>记录所选检查的整改已完成</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="310"/>
        <source>Checked by</source>
        <translation>检查单位/人</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="311"/>
        <source>Checked unit</source>
        <translation>被检查单位</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="312"/>
        <source>Kind</source>
        <translation>检查方式</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="313"/>
        <source>Findings</source>
        <translation>检查情况</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="314"/>
        <source>Problems</source>
        <translation>发现问题</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="315"/>
        <source>Rectification</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="316"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="317"/>
        <source>Rectified</source>
        <translation>已整改</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="337"/>
        <source>New opinion poll…</source>
        <translation>登记民意调查…</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="345"/>
        <source>Period</source>
        <translation>调查时间</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="347"/>
        <source>Place</source>
        <translation>调查地点</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="348"/>
        <source>Sample</source>
        <translation>样本量</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="349"/>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="350"/>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="351"/>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="352"/>
        <source>Satisfaction</source>
        <translation>满意率</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="353"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="428"/>
        <source>%1 petitions shown · repeat %2 · level-skipping %3</source>
        <translation>显示 %1 件 · 重复访 %2 件 · 越级访 %3 件</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="465"/>
        <source>12 months</source>
        <translation>近12个月</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="465"/>
        <source>Year before</source>
        <translation>上年同期</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="465"/>
        <source>Change</source>
        <translation>同比</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="470"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="479"/>
        <source>%1 petitions in the last 12 months.</source>
        <translation>近12个月信访 %1 件。</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="483"/>
        <source>%1 petitions in the last 12 months, %2 the year before: %3 year on year.</source>
        <translation>近12个月信访 %1 件，上年同期 %2 件，同比 %3。</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="504"/>
        <source>%1 spot checks · %2 rectifications overdue</source>
        <translation>明查暗访 %1 次 · 整改逾期 %2 项</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="518"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="518"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="563"/>
        <source>%1 opinion polls</source>
        <translation>民意调查 %1 次</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="569"/>
        <source>Whole city</source>
        <translation>全市</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="610"/>
        <source>Link to case</source>
        <translation>关联案件</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="611"/>
        <source>Case number (empty: remove the link):</source>
        <translation>案件编号（留空则取消关联）：</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="625"/>
        <source>Petition linked.</source>
        <translation>信访件关联已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="632"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="637"/>
        <source>Export petitions</source>
        <translation>导出信访件</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="637"/>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV 文件 (*.csv);;JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="649"/>
        <source>%1 petitions exported to %2</source>
        <translation>已导出 %1 件信访件到 %2</translation>
    </message>
</context>
<context>
    <name>PollDialog</name>
    <message>
        <location filename="../../ui/petitions_pane.py" line="912"/>
        <source>New opinion poll</source>
        <translation>登记民意调查</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="914"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="922"/>
        <source>Whole city</source>
        <translation>全市</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="935"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="936"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="937"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="938"/>
        <source>Place</source>
        <translation>调查地点</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="939"/>
        <source>Sample size</source>
        <translation>样本量</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="940"/>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="941"/>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="942"/>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="943"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../ui/login.py" line="188"/>
        <source>Server profile</source>
        <translation>服务器配置</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="204"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="205"/>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="206"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="207"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="208"/>
        <source>TLS mode</source>
        <translation>TLS 模式</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="214"/>
        <source>Name, server address and database are required.</source>
        <translation>名称、服务器地址和数据库必须填写。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="217"/>
        <source>A profile with this name exists already.</source>
        <translation>已有同名的服务器配置。</translation>
    </message>
</context>
<context>
    <name>QueueExport</name>
    <message>
        <location filename="../../ui/cases/exports.py" line="44"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/cases/exports.py" line="45"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/cases/exports.py" line="46"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../ui/cases/exports.py" line="47"/>
        <source>Village</source>
        <translation>村/社区</translation>
    </message>
    <message>
        <location filename="../../ui/cases/exports.py" line="48"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/cases/exports.py" line="49"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/cases/exports.py" line="50"/>
        <source>Severity</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/cases/exports.py" line="51"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../ui/cases/exports.py" line="52"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/cases/exports.py" line="53"/>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../../ui/cases/exports.py" line="54"/>
        <source>Assignee</source>
        <translation>承办人</translation>
    </message>
    <message>
        <location filename="../../ui/cases/exports.py" line="55"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location filename="../../ui/cases/exports.py" line="57"/>
        <source>Mass incident risk</source>
        <translation>群体性事件风险</translation>
    </message>
    <message>
        <location filename="../../ui/cases/exports.py" line="58"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/cases/exports.py" line="60"/>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <location filename="../../ui/cases/exports.py" line="61"/>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
</context>
<context>
    <name>QueuePane</name>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="198"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="225"/>
        <source>Search number, title, place or pinyin initials (e.g. dgjd)</source>
        <translation>搜索编号、标题、地点或拼音首字母（如 dgjd）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="232"/>
        <source>Presets</source>
        <translation>常用筛选</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="242"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="260"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="260"/>
        <source>Open</source>
        <translation>在办</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="262"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="265"/>
        <source>All levels</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="265"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="267"/>
        <source>All towns</source>
        <translation>全部镇街</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="267"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="270"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="270"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="273"/>
        <source>Any severity</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="275"/>
        <source>%1 or above</source>
        <translation>%1及以上</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="280"/>
        <source>Minimum severity</source>
        <translation>最低等级</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="291"/>
        <location filename="../../ui/cases/queue_view.py" line="612"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="291"/>
        <source>Open cases past their SLA deadline</source>
        <translation>已超过办理时限的在办案件</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="292"/>
        <location filename="../../ui/cases/queue_view.py" line="508"/>
        <source>Near due</source>
        <translation>临期</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="292"/>
        <source>Open cases in the SLA warning period</source>
        <translation>进入时限预警期的在办案件</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="293"/>
        <location filename="../../ui/cases/queue_view.py" line="615"/>
        <source>Supervised</source>
        <translation>督办中</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="293"/>
        <source>Cases under an open supervision order</source>
        <translation>有未完成督办的案件</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="295"/>
        <location filename="../../ui/cases/queue_view.py" line="509"/>
        <location filename="../../ui/cases/queue_view.py" line="614"/>
        <source>Awaiting department</source>
        <translation>待部门办理</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="296"/>
        <source>Open cases with a department&apos;s work outstanding: an action item or an assignment</source>
        <translation>有部门待办事项的未结案件：会议督办事项或已交办部门</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="298"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="298"/>
        <source>Assigned to me or to my unit</source>
        <translation>交办给我或本单位的案件</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="488"/>
        <source>My town&apos;s overdue</source>
        <translation>本镇街超期</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="492"/>
        <source>My overdue</source>
        <translation>我的超期</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="496"/>
        <source>City-level supervision</source>
        <translation>市级督办</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="501"/>
        <source>Escalated, newest first</source>
        <translation>已上报（最新在前）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="505"/>
        <source>Serious and critical, open</source>
        <translation>重大及特别重大（在办）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="555"/>
        <source>Save current filter as preset…</source>
        <translation>保存当前筛选…</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="559"/>
        <source>Delete preset</source>
        <translation>删除常用筛选</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="568"/>
        <source>Save preset</source>
        <translation>保存常用筛选</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="569"/>
        <source>Name of the preset:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="578"/>
        <source>Show only cases that are %1</source>
        <translation>仅显示状态为“%1”的案件</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="584"/>
        <source>Show only open cases at %1 level</source>
        <translation>仅显示%1在办案件</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="589"/>
        <source>Show only overdue cases</source>
        <translation>仅显示超期案件</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="590"/>
        <source>Show only supervised cases</source>
        <translation>仅显示督办中的案件</translation>
    </message>
    <message>
        <location filename="../../ui/cases/queue_view.py" line="591"/>
        <source>Show only open cases awaiting a department</source>
        <translation>仅显示待部门办理的在办案件</translation>
    </message>
</context>
<context>
    <name>ReceptionForms</name>
    <message>
        <location filename="../../ui/villagework/receptions.py" line="31"/>
        <source>New leader&apos;s reception</source>
        <translation>新建领导接访/约访</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/receptions.py" line="42"/>
        <source>At the village day of %1 in %2</source>
        <translation>在 %1 %2 的活动现场接访</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/receptions.py" line="51"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/receptions.py" line="53"/>
        <source>e.g. town party secretary Liu</source>
        <translation>例如：镇党委书记 刘某</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/receptions.py" line="54"/>
        <source>Leader</source>
        <translation>接访领导</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/receptions.py" line="60"/>
        <source>Date and time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/receptions.py" line="62"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/receptions.py" line="64"/>
        <source>Names, separated by 、</source>
        <translation>姓名，用顿号“、”分隔</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/receptions.py" line="65"/>
        <source>Visitors</source>
        <translation>来访群众</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/receptions.py" line="67"/>
        <source>Topic</source>
        <translation>接访事由</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/receptions.py" line="93"/>
        <source>Record the reception</source>
        <translation>登记接访结果</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/receptions.py" line="94"/>
        <source>Reception</source>
        <translation>接访</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/receptions.py" line="99"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/receptions.py" line="101"/>
        <source>The answer given and what was agreed</source>
        <translation>现场答复意见和约定的办理事项</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/receptions.py" line="102"/>
        <source>Outcome</source>
        <translation>接访结果</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../../ui/refusals/__init__.py" line="109"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/__init__.py" line="128"/>
        <source>The request was refused ({code}).</source>
        <translation>请求被拒绝（{code}）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/__init__.py" line="136"/>
        <source> </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/basemap.py" line="12"/>
        <source>The tile address must start with http:// or https:// and name a server.</source>
        <translation>瓦片地址必须以 http:// 或 https:// 开头，并包含服务器地址</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/basemap.py" line="15"/>
        <source>The tile address lacks the placeholders {missing}, e.g. http://tiles.intra/{{z}}/{{x}}/{{y}}.png</source>
        <translation>瓦片地址缺少占位符 {missing}，例如 http://tiles.intra/{{z}}/{{x}}/{{y}}.png</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/basemap.py" line="19"/>
        <source>The tile address contains characters that are not allowed.</source>
        <translation>瓦片地址含有不允许的字符</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/basemap.py" line="22"/>
        <source>The MBTiles file “{path}” cannot be found.</source>
        <translation>找不到 MBTiles 文件“{path}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/basemap.py" line="23"/>
        <source>“{file}” is not an MBTiles file (the tiles or metadata table is missing).</source>
        <translation>“{file}”不是 MBTiles 文件（缺少 tiles 或 metadata 表）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/basemap.py" line="26"/>
        <source>“{file}” holds no tiles.</source>
        <translation>“{file}”中没有瓦片</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/basemap.py" line="27"/>
        <source>“{file}” cannot be read: it is not a valid MBTiles (SQLite) file.</source>
        <translation>“{file}”无法读取：不是有效的 MBTiles（SQLite）文件</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/basemap.py" line="30"/>
        <source>The tile format “{format}” of “{file}” is not supported (only raster tiles: png, jpg, webp).</source>
        <translation>“{file}”的瓦片格式“{format}”不受支持（只支持栅格瓦片 png/jpg/webp）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/basemap.py" line="34"/>
        <source>Unknown kind of basemap “{kind}”.</source>
        <translation>未知的底图类型“{kind}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/common.py" line="11"/>
        <source>It does not exist, or you may not see it.</source>
        <translation>对象不存在，或您无权查看。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/common.py" line="12"/>
        <source>Someone else changed this in the meantime; nothing was saved. Reload and try again.</source>
        <translation>在此期间已有他人修改，您的修改未保存。请刷新后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="11"/>
        <source>Your role may not record spot checks.</source>
        <translation>您的角色不能登记明查暗访记录</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="12"/>
        <source>Check record {check_id} does not exist, or you may not change it.</source>
        <translation>检查记录 {check_id} 不存在或无权修改</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="15"/>
        <source>Your role may not change spot checks.</source>
        <translation>您的角色不能修改明查暗访记录</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="16"/>
        <source>This check required no rectification.</source>
        <translation>该次检查未要求整改</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="17"/>
        <source>Your role may not record opinion polls.</source>
        <translation>您的角色不能登记民意调查</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="18"/>
        <source>The date of the check cannot be later than today.</source>
        <translation>检查日期不能晚于今天</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="19"/>
        <source>Please fill in the checking unit or checker.</source>
        <translation>请填写检查单位或检查人</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="20"/>
        <source>The checking unit or checker is too long (at most {limit} characters).</source>
        <translation>检查单位或检查人过长（最多 {limit} 字）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="23"/>
        <source>Please choose an open or an unannounced check.</source>
        <translation>请选择明查或暗访</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="24"/>
        <source>Please choose the department checked.</source>
        <translation>请选择被检查的部门</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="25"/>
        <source>Town staff may only record checks in their own town.</source>
        <translation>镇街工作人员只能登记本镇街的检查</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="28"/>
        <source>Please choose the grid checked.</source>
        <translation>请选择被检查的网格</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="29"/>
        <source>Please choose the village (community) checked.</source>
        <translation>请选择被检查的村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="30"/>
        <source>Please choose the town checked.</source>
        <translation>请选择被检查的镇街</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="31"/>
        <source>Please choose the kind of unit checked.</source>
        <translation>请选择被检查单位的类型</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="32"/>
        <source>When rectification is required, please give its deadline.</source>
        <translation>要求整改时请填写整改期限</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="35"/>
        <source>The rectification deadline cannot be earlier than the date of the check.</source>
        <translation>整改期限不能早于检查日期</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="38"/>
        <source>The poll&apos;s end date cannot be earlier than its start date.</source>
        <translation>调查结束日期不能早于开始日期</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="41"/>
        <source>The poll&apos;s start date cannot be later than today.</source>
        <translation>调查开始日期不能晚于今天</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="42"/>
        <source>The sample size must be greater than 0.</source>
        <translation>样本量必须大于 0</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="43"/>
        <source>The numbers of people cannot be negative.</source>
        <translation>人数不能为负</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="44"/>
        <source>Satisfied, basically satisfied and dissatisfied together cannot exceed the sample size.</source>
        <translation>满意、基本满意、不满意人数之和不能超过样本量</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="48"/>
        <source>The place of the poll is too long (at most {limit} characters).</source>
        <translation>调查地点过长（最多 {limit} 字）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="51"/>
        <source>Town staff may only record opinion polls of their own town.</source>
        <translation>镇街工作人员只能登记本镇街的民意调查</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/records.py" line="54"/>
        <source>The town does not exist.</source>
        <translation>镇街不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="11"/>
        <source>“{name}” ({item}): the boundary is missing.</source>
        <translation>“{name}”（{item}）缺少边界</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="12"/>
        <source>“{name}” ({item}): the boundary cannot be read.</source>
        <translation>“{name}”（{item}）边界无法解析</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="15"/>
        <source>“{name}” ({item}): the boundary must be an area (Polygon/MultiPolygon), not a {geom_type}.</source>
        <translation>“{name}”（{item}）边界必须是面（Polygon/MultiPolygon），而不是 {geom_type}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="19"/>
        <source>“{name}” ({item}): the boundary is empty.</source>
        <translation>“{name}”（{item}）边界为空</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="20"/>
        <source>“{name}” ({item}): the coordinates are outside longitude/latitude; the file may use a projected coordinate system. Convert it to WGS84 (EPSG:4326).</source>
        <translation>“{name}”（{item}）坐标超出经纬度范围：文件可能是投影坐标系，请转换为 WGS84（EPSG:4326）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="24"/>
        <source>“{name}” ({item}): the boundary is invalid: it intersects itself {where}</source>
        <translation>“{name}”（{item}）边界无效：自相交 {where}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="27"/>
        <source>“{name}” ({item}): the boundary is invalid: {reason}</source>
        <translation>“{name}”（{item}）边界无效：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="30"/>
        <source>The Excel file cannot be read ({detail}).</source>
        <translation>无法读取 Excel 文件（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="31"/>
        <source>Rosters can only be CSV or XLSX files.</source>
        <translation>名册只支持 CSV 或 XLSX 文件</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="32"/>
        <source>The file&apos;s encoding is not recognised; save it as UTF-8.</source>
        <translation>无法识别文件编码，请另存为 UTF-8</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="35"/>
        <source>This is not valid GeoJSON ({detail}).</source>
        <translation>不是有效的 GeoJSON（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="36"/>
        <source>The GeoJSON must be a FeatureCollection.</source>
        <translation>GeoJSON 必须是 FeatureCollection</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="39"/>
        <source>The coordinate system “{crs}” is not supported. Convert it to WGS84 longitude/latitude (EPSG:4326) first.</source>
        <translation>坐标系“{crs}”不受支持，请先转换为 WGS84 经纬度（EPSG:4326）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="43"/>
        <source>The Shapefile cannot be read ({detail}).</source>
        <translation>无法读取 Shapefile（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="44"/>
        <source>Boundaries can only be GeoJSON or Shapefile (.shp).</source>
        <translation>边界只支持 GeoJSON 或 Shapefile（.shp）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="47"/>
        <source>The code is missing.</source>
        <translation>缺少编码</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="48"/>
        <source>The code “{item}” is too long (at most {limit} characters).</source>
        <translation>编码“{item}”过长（最多 {limit} 个字符）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="51"/>
        <source>“{item}” has no name.</source>
        <translation>“{item}”缺少名称</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="52"/>
        <source>The code “{item}” appears twice (the same as row {first_row}).</source>
        <translation>编码“{item}”重复（与第 {first_row} 行相同）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="55"/>
        <source>“{name}” ({item}) has no parent code.</source>
        <translation>“{name}”（{item}）缺少上级编码</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="56"/>
        <source>The population of “{name}” ({item}), “{value}”, is not a whole number of at least 0.</source>
        <translation>“{name}”（{item}）的人口“{value}”不是非负整数</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="59"/>
        <source>The households of “{name}” ({item}), “{value}”, are not a whole number of at least 0.</source>
        <translation>“{name}”（{item}）的户数“{value}”不是非负整数</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="63"/>
        <source>The town “{name}” ({item}) extends beyond the city.</source>
        <translation>镇街“{name}”（{item}）超出全市范围</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="66"/>
        <source>The town “{town}” of the village “{name}” ({item}) does not exist.</source>
        <translation>村居“{name}”（{item}）的上级镇街“{town}”不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="69"/>
        <source>The village “{name}” ({item}) is not within its town “{town}”.</source>
        <translation>村居“{name}”（{item}）不在所属镇街“{town}”范围内</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="72"/>
        <source>The village “{village}” of the grid “{name}” ({item}) does not exist.</source>
        <translation>网格“{name}”（{item}）的上级村居“{village}”不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="75"/>
        <source>The grid “{name}” ({item}) extends beyond its town “{town}”.</source>
        <translation>网格“{name}”（{item}）超出所属镇街“{town}”范围</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="78"/>
        <source>A department has no code or no name.</source>
        <translation>部门缺少编码或名称</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="79"/>
        <source>The department code “{item}” appears twice (the same as row {first_row}).</source>
        <translation>部门编码“{item}”重复（与第 {first_row} 行相同）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="82"/>
        <source>A squad has no town code or no name.</source>
        <translation>中队缺少镇街编码或名称</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="83"/>
        <source>The town “{town}” of the squad “{name}” does not exist.</source>
        <translation>中队“{name}”的镇街“{town}”不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="86"/>
        <source>The squad “{name}” appears twice in the town “{town}” (the same as row {first_row}).</source>
        <translation>中队“{name}”在镇街“{town}”中重复（与第 {first_row} 行相同）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="89"/>
        <source>A worker has no staff number or no name.</source>
        <translation>队员缺少工号或姓名</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="90"/>
        <source>The staff number “{item}” appears twice (the same as row {first_row}).</source>
        <translation>工号“{item}”重复（与第 {first_row} 行相同）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="93"/>
        <source>The telephone “{phone}” of the worker “{name}” is not valid.</source>
        <translation>队员“{name}”的电话“{phone}”格式不正确</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="96"/>
        <source>The grid “{grid}” of the worker “{name}” does not exist.</source>
        <translation>队员“{name}”的网格“{grid}”不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="99"/>
        <source>The duty state “{value}” of the worker “{name}” is not recognised (yes/no).</source>
        <translation>队员“{name}”的在岗状态“{value}”无法识别（是/否）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="102"/>
        <source>The grid “{grid}” of the worker “{name}” is deactivated.</source>
        <translation>队员“{name}”所在网格“{grid}”已停用</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="105"/>
        <source>The squad “{squad}” of the worker “{name}” does not exist in the town “{town}”.</source>
        <translation>队员“{name}”的中队“{squad}”在镇街“{town}”中不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="108"/>
        <source>A device has no device number or no staff number.</source>
        <translation>终端缺少设备号或队员工号</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="111"/>
        <source>The staff number “{worker}” of the device “{device}” does not exist.</source>
        <translation>终端“{device}”的队员工号“{worker}”不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="114"/>
        <source>The worker “{worker}” has more than one device.</source>
        <translation>队员“{worker}”登记了多个终端</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="115"/>
        <source>The worker “{name}” has no device number (give it in the roster or the device roster).</source>
        <translation>队员“{name}”没有设备号（名册或终端名册中填写）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="119"/>
        <source>The device number “{device}” is too long.</source>
        <translation>设备号“{device}”过长</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="33"/>
        <location filename="../../ui/refusals/cityimport.py" line="120"/>
        <source>The device number “{device}” is already used by another worker.</source>
        <translation>设备号“{device}”已被其他队员使用</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="123"/>
        <source>A liaison officer has no village code or no name.</source>
        <translation>联络员缺少村居编码或姓名</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="126"/>
        <source>The village “{village}” of the liaison officer “{name}” does not exist.</source>
        <translation>联络员“{name}”的村居“{village}”不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="129"/>
        <source>The kind “{value}” of the liaison officer “{name}” is not valid (liaison officer/volunteer).</source>
        <translation>联络员“{name}”的类别“{value}”无效（联络员/志愿者）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="133"/>
        <source>The telephone “{phone}” of the liaison officer “{name}” is not valid.</source>
        <translation>联络员“{name}”的电话“{phone}”格式不正确</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="136"/>
        <source>The liaison officer “{name}” appears twice in the village “{village}” (the same as row {first_row}).</source>
        <translation>联络员“{name}”在村居“{village}”中重复（与第 {first_row} 行相同）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="140"/>
        <source>The user name “{username}” is not valid: only lower-case letters, digits and underscores, starting with a letter.</source>
        <translation>用户名“{username}”无效：只能使用小写英文字母、数字和下划线，以字母开头</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="144"/>
        <source>The user name “{username}” appears twice (the same as row {first_row}).</source>
        <translation>用户名“{username}”重复（与第 {first_row} 行相同）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="147"/>
        <source>The role “{value}” of the user “{username}” is not valid.</source>
        <translation>用户“{username}”的角色“{value}”无效</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="150"/>
        <source>The town “{town}” of the user “{username}” does not exist.</source>
        <translation>用户“{username}”的镇街“{town}”不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="153"/>
        <source>The department “{department}” of the user “{username}” does not exist.</source>
        <translation>用户“{username}”的部门“{department}”不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="156"/>
        <source>The database server already has a login role named “{username}”; choose another user name.</source>
        <translation>数据库服务器上已有名为“{username}”的登录角色，请换一个用户名</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="160"/>
        <source>The user “{username}” exists with another role: change roles under “Users and logins”.</source>
        <translation>用户“{username}”已存在且角色不同：角色请在“用户与登录”中修改</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="164"/>
        <source>What the file holds cannot be told from its name; name it as “kind=file” (e.g. grids=边界.shp).</source>
        <translation>无法从文件名判断内容，请用“类别=文件”指定（如 grids=边界.shp）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="168"/>
        <source>There can be only one file of {kind}.</source>
        <translation>{kind}只能有一个文件</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="169"/>
        <source>The file does not exist.</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="170"/>
        <source>The file cannot be read ({detail}).</source>
        <translation>无法读取文件（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="171"/>
        <source>The file holds no data.</source>
        <translation>文件中没有数据</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityimport.py" line="172"/>
        <source>No file was chosen.</source>
        <translation>没有选择任何文件</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="11"/>
        <source>Only the system administrator may maintain workers and grids.</source>
        <translation>只有系统管理员可以维护队员和网格</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="14"/>
        <source>The name must not be empty and at most {limit} characters long.</source>
        <translation>姓名不能为空，且不超过 {limit} 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="17"/>
        <source>The staff number must not be empty and at most {limit} characters long.</source>
        <translation>工号不能为空，且不超过 {limit} 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="20"/>
        <source>The telephone number “{phone}” is not valid (a mobile number of 11 digits, or a landline with its area code).</source>
        <translation>电话“{phone}”格式不正确（手机 11 位，或带区号的固定电话）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="24"/>
        <source>The device number must not be empty and at most {limit} characters long.</source>
        <translation>设备号不能为空，且不超过 {limit} 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="27"/>
        <source>The chosen grid does not exist.</source>
        <translation>所选网格不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="28"/>
        <source>The chosen squad does not exist.</source>
        <translation>所选中队不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="29"/>
        <source>The squad must belong to the town of the grid.</source>
        <translation>中队必须属于网格所在的镇街</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="30"/>
        <source>The staff number “{code}” is already used by another worker.</source>
        <translation>工号“{code}”已被其他队员使用</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="36"/>
        <source>The grid “{grid}” is deactivated; no worker can be placed in it.</source>
        <translation>网格“{grid}”已停用，不能安排队员</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="39"/>
        <source>This worker does not exist.</source>
        <translation>该队员不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="40"/>
        <source>The grid “{grid}” is deactivated; no worker can be moved into it.</source>
        <translation>网格“{grid}”已停用，不能调入队员</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="43"/>
        <source>Please give a reason.</source>
        <translation>请填写原因</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="44"/>
        <source>This worker is already on duty.</source>
        <translation>该队员已是在岗状态</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="45"/>
        <source>This worker is already deactivated.</source>
        <translation>该队员已停用</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="46"/>
        <source>The grid “{grid}” is deactivated: first move the worker to a grid in use.</source>
        <translation>网格“{grid}”已停用：请先把队员调到在用的网格</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="49"/>
        <source>The grid code must not be empty and at most {limit} characters long.</source>
        <translation>网格编码不能为空，且不超过 {limit} 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="52"/>
        <source>The grid name must not be empty and at most {limit} characters long.</source>
        <translation>网格名称不能为空，且不超过 {limit} 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="55"/>
        <source>Households and population cannot be negative.</source>
        <translation>户数和人口不能为负数</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="56"/>
        <source>The chosen village does not exist.</source>
        <translation>所选村居不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="57"/>
        <source>The grid code “{code}” is already in use.</source>
        <translation>网格编码“{code}”已被使用</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="58"/>
        <source>This grid does not exist.</source>
        <translation>该网格不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="59"/>
        <source>{count} workers on duty are still in the grid; it cannot move to a village of another town. Move the workers first.</source>
        <translation>网格上还有 {count} 名在岗队员，不能移到其他镇街的村居；请先调走队员</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="63"/>
        <source>The grid&apos;s boundary is not within “{town}”; it cannot move to that village.</source>
        <translation>网格边界不在“{town}”范围内，不能移到该村居</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="66"/>
        <source>This grid is already in use.</source>
        <translation>该网格已在使用中</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="67"/>
        <source>This grid is already deactivated.</source>
        <translation>该网格已停用</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cityadmin.py" line="68"/>
        <source>{count} workers on duty are still in the grid; move or deactivate them first.</source>
        <translation>网格上还有 {count} 名在岗队员，请先调走或停用他们</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="11"/>
        <source>Your role may only look, not record or change.</source>
        <translation>您的角色只能查看，不能登记或修改。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="12"/>
        <source>You may only record and change the records of your own town (subdistrict).</source>
        <translation>您只能登记和修改本镇（街道）的记录。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="41"/>
        <location filename="../../ui/refusals/villagework.py" line="15"/>
        <source>The chosen village (community) does not belong to the chosen town (subdistrict).</source>
        <translation>所选村（社区）不属于所选镇（街道）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="18"/>
        <source>A monthly day must be from the 1st to the 31st.</source>
        <translation>每月举行的日期应为 1 到 31 日。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="19"/>
        <source>A monthly plan cannot also name a weekday.</source>
        <translation>每月举行的安排不能同时指定星期几。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="20"/>
        <source>Please choose the weekday of a weekly plan.</source>
        <translation>每周举行的安排请选择星期几。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="21"/>
        <source>A weekly plan cannot also name a day of the month.</source>
        <translation>每周举行的安排不能同时指定每月几日。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="24"/>
        <source>Please choose how it repeats (monthly or weekly).</source>
        <translation>请选择重复方式（每月或每周）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="12"/>
        <location filename="../../ui/refusals/villagework.py" line="27"/>
        <source>The end date cannot be earlier than the start date.</source>
        <translation>结束日期不能早于开始日期。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="30"/>
        <source>Please choose the kind of activity.</source>
        <translation>请选择活动类型。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="31"/>
        <source>Please choose the state of the activity.</source>
        <translation>请选择活动状态。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="32"/>
        <source>Please give the attendance of an activity that was held.</source>
        <translation>已举行的活动请填写参加人数。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="35"/>
        <source>To cancel an activity, write the reason in the notes.</source>
        <translation>取消活动请在情况记录中写明原因。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="38"/>
        <source>This activity cannot be found (deleted, or outside what you may see).</source>
        <translation>找不到这次活动（已删除，或不在您的权限范围内）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="41"/>
        <source>The activity&apos;s date has not come yet; it cannot be recorded as held.</source>
        <translation>活动日期还没到，不能登记为已举行。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="44"/>
        <source>Please choose the kind of reception (scheduled or by appointment).</source>
        <translation>请选择接访方式（接访或约访）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="47"/>
        <source>For an appointment, please name the people met.</source>
        <translation>约访请填写约见的群众。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="50"/>
        <source>The time of the reception is not valid.</source>
        <translation>接访时间无效。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="51"/>
        <source>The chosen activity does not belong to the chosen town (subdistrict).</source>
        <translation>所选活动不属于所选镇（街道）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="54"/>
        <source>Please choose the state of the reception.</source>
        <translation>请选择接访状态。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="57"/>
        <source>This reception cannot be found (deleted, or outside what you may see).</source>
        <translation>找不到这次接访（已删除，或不在您的权限范围内）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="60"/>
        <source>The reception&apos;s time has not come yet; it cannot be recorded as held.</source>
        <translation>接访时间还没到，不能登记为已接访。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="63"/>
        <source>The village (community) has no grids; it cannot be located.</source>
        <translation>该村（社区）没有划分网格，无法定位。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="66"/>
        <source>Please choose the activity or reception the issue came from.</source>
        <translation>请选择问题来自哪次活动或接访。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="69"/>
        <source>This reception has no village (community): please choose the village the issue is in.</source>
        <translation>这次接访没有对应的村（社区）：请选择问题所在的村（社区）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="73"/>
        <source>The village (community) has no grid worker on duty, so it cannot go into the sentiment log: please make it a case.</source>
        <translation>该村（社区）没有在岗网格员，无法记入民情日志：请转为案件。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="77"/>
        <source>Please choose the kind of project.</source>
        <translation>请选择项目类型。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="78"/>
        <source>The assessment&apos;s start date cannot be later than today.</source>
        <translation>评估开始日期不能晚于今天。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="81"/>
        <source>Please choose the town (subdistrict) of the project.</source>
        <translation>请选择项目所在镇（街道）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="84"/>
        <source>Please choose the assessment step.</source>
        <translation>请选择评估步骤。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="85"/>
        <source>The step&apos;s date cannot be earlier than the assessment&apos;s start.</source>
        <translation>步骤日期不能早于评估开始日期。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="88"/>
        <source>The step&apos;s date cannot be later than today: record it once done.</source>
        <translation>步骤日期不能晚于今天：请在完成后登记。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="91"/>
        <source>For a survey or discussion, please give the numbers for and against.</source>
        <translation>问卷调查、座谈请填写赞成和反对的人数。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="94"/>
        <source>Those for and against together cannot exceed the participants.</source>
        <translation>赞成和反对人数之和不能超过参加人数。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="97"/>
        <source>The assessment has been decided; no more steps can be added.</source>
        <translation>该评估已作出决策，不能再添加步骤。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="100"/>
        <source>Please choose the risk level.</source>
        <translation>请选择风险等级。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="101"/>
        <source>Please choose the decision.</source>
        <translation>请选择决策结果。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="102"/>
        <source>A high-risk project cannot simply go ahead: choose to go ahead with mitigating measures, postpone it or stop it.</source>
        <translation>高风险项目不能直接准予实施：请选择采取化解措施后实施、暂缓实施或停止实施。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="106"/>
        <source>The decision&apos;s date cannot be earlier than the last assessment step.</source>
        <translation>决策日期不能早于最后一个评估步骤的日期。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="109"/>
        <source>The decision&apos;s date cannot be later than today.</source>
        <translation>决策日期不能晚于今天。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="112"/>
        <source>The assessment has already been decided.</source>
        <translation>该评估已作出决策。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="113"/>
        <source>This assessment cannot be found (deleted, or outside what you may see).</source>
        <translation>找不到这项评估（已删除，或不在您的权限范围内）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="116"/>
        <source>Please choose the kind of errand.</source>
        <translation>请选择代办事项类别。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="117"/>
        <source>The date of acceptance cannot be later than today.</source>
        <translation>受理日期不能晚于今天。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="120"/>
        <source>The promised completion date cannot be earlier than the date of acceptance.</source>
        <translation>承诺办结日期不能早于受理日期。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="123"/>
        <source>Please choose the town (subdistrict) accepting it.</source>
        <translation>请选择受理的镇（街道）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="126"/>
        <source>Please choose the state of the errand.</source>
        <translation>请选择办理状态。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="127"/>
        <source>This errand cannot be found (deleted, or outside what you may see).</source>
        <translation>找不到这件代办事项（已删除，或不在您的权限范围内）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="130"/>
        <source>This errand is already completed or returned.</source>
        <translation>这件代办事项已经办结或退回。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="131"/>
        <source>The completion date cannot be earlier than the date of acceptance.</source>
        <translation>办结日期不能早于受理日期。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="134"/>
        <source>The completion date cannot be later than today.</source>
        <translation>办结日期不能晚于今天。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="135"/>
        <source>At most {limit} documents can be received.</source>
        <translation>收件材料最多 {limit} 项。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="136"/>
        <source>The document name “{document}…” is too long (at most {limit} characters).</source>
        <translation>材料名称“{document}…”过长（最多 {limit} 个字）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="139"/>
        <source>The village (community) lies outside the city; no case can be filed.</source>
        <translation>该村（社区）的位置不在本市范围内，无法立案。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="142"/>
        <source>The assessment&apos;s steps are not complete, so no decision can be made: the public notice or hearing is missing.</source>
        <translation>评估步骤尚未完成，不能作出决策：还缺公示听证。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="146"/>
        <source>The assessment&apos;s steps are not complete, so no decision can be made: the expert consultation is missing.</source>
        <translation>评估步骤尚未完成，不能作出决策：还缺专家咨询。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="150"/>
        <source>The assessment&apos;s steps are not complete, so no decision can be made: the survey or discussion is missing.</source>
        <translation>评估步骤尚未完成，不能作出决策：还缺问卷调查或座谈。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="154"/>
        <source>The applicant&apos;s telephone “{phone}” is not a valid number: please give 7 to 15 digits (area code and “-” allowed).</source>
        <translation>申请人的电话“{phone}”不是有效号码：请填写 7 到 15 位数字（可含区号和“-”）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="158"/>
        <source>Please fill in the place.</source>
        <translation>请填写地点。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="159"/>
        <source>The place is at most {limit} characters.</source>
        <translation>地点最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="160"/>
        <source>Please fill in the notes.</source>
        <translation>请填写情况记录。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="161"/>
        <source>The notes is at most {limit} characters.</source>
        <translation>情况记录最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="162"/>
        <source>Please fill in the receiving leader.</source>
        <translation>请填写接访领导。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="163"/>
        <source>The receiving leader is at most {limit} characters.</source>
        <translation>接访领导最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="166"/>
        <source>Please fill in the matter of the reception.</source>
        <translation>请填写接访事由。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="167"/>
        <source>The matter of the reception is at most {limit} characters.</source>
        <translation>接访事由最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="170"/>
        <source>Please fill in the visitors.</source>
        <translation>请填写来访群众。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="171"/>
        <source>The visitors is at most {limit} characters.</source>
        <translation>来访群众最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="172"/>
        <source>Please fill in the outcome of the reception.</source>
        <translation>请填写接访结果。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="173"/>
        <source>The outcome of the reception is at most {limit} characters.</source>
        <translation>接访结果最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="176"/>
        <source>Please fill in the issue raised.</source>
        <translation>请填写反映的问题。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="177"/>
        <source>The issue raised is at most {limit} characters.</source>
        <translation>反映的问题最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="180"/>
        <source>Please fill in the person raising it.</source>
        <translation>请填写反映人。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="181"/>
        <source>The person raising it is at most {limit} characters.</source>
        <translation>反映人最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="184"/>
        <source>Please fill in the project name.</source>
        <translation>请填写项目名称。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="185"/>
        <source>The project name is at most {limit} characters.</source>
        <translation>项目名称最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="188"/>
        <source>Please fill in the unit owning the project.</source>
        <translation>请填写项目主体单位。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="189"/>
        <source>The unit owning the project is at most {limit} characters.</source>
        <translation>项目主体单位最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="192"/>
        <source>Please fill in the result of the step.</source>
        <translation>请填写步骤结果。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="193"/>
        <source>The result of the step is at most {limit} characters.</source>
        <translation>步骤结果最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="196"/>
        <source>Please fill in the mitigating measures.</source>
        <translation>请填写化解措施。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="197"/>
        <source>The mitigating measures is at most {limit} characters.</source>
        <translation>化解措施最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="200"/>
        <source>Please fill in the decision maker.</source>
        <translation>请填写决策人。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="201"/>
        <source>The decision maker is at most {limit} characters.</source>
        <translation>决策人最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="204"/>
        <source>Please fill in the applicant.</source>
        <translation>请填写申请人。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="205"/>
        <source>The applicant is at most {limit} characters.</source>
        <translation>申请人最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="208"/>
        <source>Please fill in the handling office.</source>
        <translation>请填写承办科室。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="209"/>
        <source>The handling office is at most {limit} characters.</source>
        <translation>承办科室最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="212"/>
        <source>Please fill in the handler.</source>
        <translation>请填写经办人。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="213"/>
        <source>The handler is at most {limit} characters.</source>
        <translation>经办人最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="214"/>
        <source>Please fill in the description of the errand.</source>
        <translation>请填写事项说明。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="215"/>
        <source>The description of the errand is at most {limit} characters.</source>
        <translation>事项说明最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="218"/>
        <source>The attendance must be a whole number from 0 to {limit}.</source>
        <translation>参加人数应为 0 到 {limit} 之间的整数。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="221"/>
        <source>The number of participants must be a whole number from 0 to {limit}.</source>
        <translation>参加人数应为 0 到 {limit} 之间的整数。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="224"/>
        <source>The number for must be a whole number from 0 to {limit}.</source>
        <translation>赞成人数应为 0 到 {limit} 之间的整数。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="227"/>
        <source>The number against must be a whole number from 0 to {limit}.</source>
        <translation>反对人数应为 0 到 {limit} 之间的整数。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="230"/>
        <source>The number of suggestions must be a whole number from 0 to {limit}.</source>
        <translation>意见建议条数应为 0 到 {limit} 之间的整数。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/villagework.py" line="233"/>
        <source>Errands cannot be counted by “{by}”.</source>
        <translation>代办事项不能按“{by}”统计。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="11"/>
        <source>Your role may not change petitions.</source>
        <translation>您的角色不能修改信访件</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="12"/>
        <source>Petition {petition_id} does not exist, or you may not see it.</source>
        <translation>信访件 {petition_id} 不存在或无权查看</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="15"/>
        <source>Case {case_number} does not exist, or you may not see it.</source>
        <translation>案件 {case_number} 不存在或无权查看</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="18"/>
        <source>The file&apos;s encoding is not recognised (it should be UTF-8 or GB18030).</source>
        <translation>文件编码无法识别（应为 UTF-8 或 GB18030）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="21"/>
        <source>The JSON is malformed (line {line}).</source>
        <translation>JSON 格式错误（第 {line} 行）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="22"/>
        <source>The JSON should be a list of petition objects.</source>
        <translation>JSON 应为信访件对象的列表</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="23"/>
        <source>This item is not an object.</source>
        <translation>该项不是对象</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="24"/>
        <source>The file is empty.</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="25"/>
        <source>The CSV is malformed: {detail}</source>
        <translation>CSV 格式错误：{detail}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="26"/>
        <source>Unknown columns: {columns}</source>
        <translation>无法识别的列：{columns}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="27"/>
        <source>The column “信访件编号” (petition number) is missing.</source>
        <translation>缺少“信访件编号”列</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="30"/>
        <source>The row has more cells than the header.</source>
        <translation>列数多于表头</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="31"/>
        <source>The CSV is malformed (line {line}): {detail}</source>
        <translation>CSV 格式错误（第 {line} 行）：{detail}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="32"/>
        <source>Unsupported format: {format} (it should be csv or json).</source>
        <translation>不支持的格式：{format}（应为 csv 或 json）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="35"/>
        <source>At most {limit} rows can be imported at once.</source>
        <translation>一次最多导入 {limit} 行</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="36"/>
        <source>The petition number must not be empty.</source>
        <translation>信访件编号不能为空</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="37"/>
        <source>The petition number is too long (at most {limit} characters).</source>
        <translation>信访件编号过长（最多 {limit} 字）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="40"/>
        <source>The petition number {number} appears twice in the file.</source>
        <translation>信访件编号 {number} 在文件中重复</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="43"/>
        <source>The date of registration must not be empty.</source>
        <translation>登记日期不能为空</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="44"/>
        <source>The date of registration “{value}” is malformed (it should be YYYY-MM-DD).</source>
        <translation>登记日期“{value}”格式错误（应为 YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="47"/>
        <source>The date of registration {day} is later than today.</source>
        <translation>登记日期 {day} 晚于今天</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="48"/>
        <source>The petitioner&apos;s name must not be empty.</source>
        <translation>信访人姓名不能为空</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="49"/>
        <source>The petitioner&apos;s name is too long.</source>
        <translation>信访人姓名过长</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="50"/>
        <source>The telephone number “{phone}” is malformed.</source>
        <translation>联系电话“{phone}”格式错误</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="51"/>
        <source>The ID card tail “{value}” is malformed (4 to 6 digits, the last may be X).</source>
        <translation>身份证后四位“{value}”格式错误（应为 4 至 6 位数字，末位可为 X）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="54"/>
        <source>The level of registration “{value}” is not recognised (it should be 村, 镇, 县市, 省 or 国家).</source>
        <translation>登记层级“{value}”无法识别（应为 村、镇、县市、省 或 国家）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="58"/>
        <source>The channel “{value}” is not recognised (it should be 来信, 来访 or 网上信访).</source>
        <translation>信访方式“{value}”无法识别（应为 来信、来访 或 网上信访）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="61"/>
        <source>The category “{value}” is not recognised.</source>
        <translation>事项类别“{value}”无法识别</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="62"/>
        <source>The matter of the petition must not be empty.</source>
        <translation>信访事项不能为空</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="63"/>
        <source>The town “{town}” does not exist.</source>
        <translation>镇街“{town}”不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="64"/>
        <source>Town staff may only import the petitions of their own town.</source>
        <translation>镇街工作人员只能导入本镇街的信访件</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="67"/>
        <source>The status “{value}” is not recognised (it should be 登记, 转办, 办理中 or 办结).</source>
        <translation>办理状态“{value}”无法识别（应为 登记、转办、办理中 或 办结）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="70"/>
        <source>The linked case {case_number} does not exist, or you may not see it.</source>
        <translation>关联案件 {case_number} 不存在或无权查看</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="73"/>
        <source>The petition number {number} already belongs to another town.</source>
        <translation>信访件编号 {number} 已属于其他镇街</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="76"/>
        <source>Your role may not import petitions.</source>
        <translation>您的角色不能导入信访件</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="77"/>
        <source>The import failed: a petition number is already used by another town. Nothing was stored.</source>
        <translation>导入失败：有信访件编号已被其他镇街使用，未保存任何数据</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/petitions.py" line="81"/>
        <source>The file should be .csv or .json.</source>
        <translation>文件应为 .csv 或 .json</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="11"/>
        <source>Your role may not see screening records.</source>
        <translation>您的角色不能查看排查记录。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="15"/>
        <source>The period of the statistics is at most one year.</source>
        <translation>统计期间最长一年。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="18"/>
        <source>This screening round cannot be found (deleted, or outside what you may see).</source>
        <translation>找不到这次排查记录（已删除，或不在您的权限范围内）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="21"/>
        <source>Your role may not record screenings.</source>
        <translation>您的角色不能登记排查。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="22"/>
        <source>Please choose the level of the screening (village/community, town/subdistrict or city).</source>
        <translation>请选择排查层级（村/社区、镇/街道或市）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="26"/>
        <source>Please choose the kind of screening (regular or concentrated).</source>
        <translation>请选择排查类型（常规排查或集中排查）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="29"/>
        <source>Please choose the scope of the screening (general or focused).</source>
        <translation>请选择排查范围（普遍排查或重点排查）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="32"/>
        <source>City screenings are recorded by the city information centre or the city&apos;s leaders.</source>
        <translation>市级排查由市信息中心或市领导登记。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="35"/>
        <source>Please choose the town (subdistrict) that screened.</source>
        <translation>请选择进行排查的镇（街道）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="38"/>
        <source>Please choose the village (community) that screened.</source>
        <translation>请选择进行排查的村（社区）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="44"/>
        <source>Town staff may only record screenings of their own town and its villages.</source>
        <translation>镇（街道）工作人员只能登记本镇（街道）及所辖村（社区）的排查。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="47"/>
        <source>The end of the screening period cannot be earlier than its start.</source>
        <translation>排查期间的结束日期不能早于开始日期。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="50"/>
        <source>The screening period cannot start on a future date.</source>
        <translation>排查期间不能从未来的日期开始。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="53"/>
        <source>Villages (communities) screen once a day: one screening covers one day only.</source>
        <translation>村（社区）每日排查一次：一次排查只覆盖一天。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="56"/>
        <source>Towns (subdistricts) screen once a week: the period cannot span two weeks (Monday to Sunday).</source>
        <translation>镇（街道）每周排查一次：排查期间不能跨周（周一至周日）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="60"/>
        <source>The city screens every half month: the period cannot span two half-months (1st–15th, 16th–end of month).</source>
        <translation>市级每半月排查一次：排查期间不能跨半月（1—15日、16日—月底）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="64"/>
        <source>The screening date cannot be earlier than the start of the screening period.</source>
        <translation>排查日期不能早于排查期间的开始日期。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="67"/>
        <source>The screening date cannot be later than today.</source>
        <translation>排查日期不能晚于今天。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="68"/>
        <source>Screenings can only be recorded up to {days} days late.</source>
        <translation>只能补录 {days} 天以内的排查。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="71"/>
        <source>A focused screening needs its focus (category, place or people concerned).</source>
        <translation>重点排查请填写排查重点（类别、地点或当事人）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="74"/>
        <source>The focus is at most {limit} characters.</source>
        <translation>排查重点最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="75"/>
        <source>The notes are at most {limit} characters.</source>
        <translation>排查情况最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="76"/>
        <source>The checklist cannot be empty.</source>
        <translation>排查清单不能为空。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="77"/>
        <source>The checklist has invalid or repeated items.</source>
        <translation>排查清单中有无效或重复的项目。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="80"/>
        <source>A checklist item&apos;s note is at most {limit} characters.</source>
        <translation>清单项目的备注最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="83"/>
        <source>Please tick at least one checklist item that was screened.</source>
        <translation>请至少勾选一项已排查的清单项目。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="86"/>
        <source>Sentiment log {log_id} cannot be found (or is outside what you may see).</source>
        <translation>找不到民情日志 {log_id}（或不在您的权限范围内）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="89"/>
        <source>Case #{case_id} cannot be found (or is outside what you may see).</source>
        <translation>找不到案件 #{case_id}（或不在您的权限范围内）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="92"/>
        <source>Only sentiment logs and cases of the round&apos;s own town can be linked.</source>
        <translation>只能关联本次排查所在镇（街道）的民情日志和案件。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="95"/>
        <source>It is already linked to this screening.</source>
        <translation>已关联到本次排查。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="96"/>
        <source>Your role may not change screening records.</source>
        <translation>您的角色不能修改排查记录。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="97"/>
        <source>City screenings are maintained by the city information centre or the city&apos;s leaders.</source>
        <translation>市级排查由市信息中心或市领导维护。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="100"/>
        <source>Please choose a sentiment log or a case.</source>
        <translation>请选择一条民情日志或一个案件。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="101"/>
        <source>Please write the content of the sentiment log.</source>
        <translation>请填写民情日志内容。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="102"/>
        <source>The sentiment log is at most {limit} characters.</source>
        <translation>民情日志内容最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="103"/>
        <source>The number of households visited is not plausible; please check it.</source>
        <translation>走访户数不合理，请核对。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="106"/>
        <source>What a city screening finds is recorded as a case.</source>
        <translation>市级排查发现的情况请登记为案件。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="109"/>
        <source>Please choose a grid worker of the village (community) or town (subdistrict) screened.</source>
        <translation>请选择本次排查所在村（社区）或镇（街道）的网格员。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="113"/>
        <source>Only the system administrator may change the checklist templates.</source>
        <translation>只有系统管理员可以修改排查清单模板。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="116"/>
        <source>Please choose the level and the kind of screening.</source>
        <translation>请选择排查层级和排查类型。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="119"/>
        <source>A checklist template needs at least one item.</source>
        <translation>排查清单模板至少要有一项。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/screening.py" line="120"/>
        <source>The checklist has invalid items.</source>
        <translation>排查清单中有无效的项目。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="13"/>
        <source>Only city leaders, the city information centre (dispatchers) or administrators may convene, schedule or cancel coordination meetings.</source>
        <translation>只有市领导、市信息中心（调度员）或管理员可以召集、安排或取消协调会</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="18"/>
        <source>Only the meeting&apos;s convener or a city leader may approve the minutes.</source>
        <translation>只有会议召集人或市领导可以审定会议纪要</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="21"/>
        <source>Only the staff of the owning department, the meeting&apos;s convener or the city information centre may complete this action item.</source>
        <translation>只有承办部门的工作人员、会议召集人或市信息中心可以办结该交办事项</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="27"/>
        <source>Meeting {meeting_id} does not exist.</source>
        <translation>会议 {meeting_id} 不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="28"/>
        <source>The meeting is “{meeting_status}”; it cannot become “{to_meeting_status}”.</source>
        <translation>会议当前为“{meeting_status}”，不能改为“{to_meeting_status}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="31"/>
        <source>The proposed time has conflicts ({count}); nothing was saved.</source>
        <translation>所选时间有 {count} 处冲突，未保存</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="34"/>
        <source>A meeting needs a title.</source>
        <translation>会议需要标题</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="35"/>
        <source>The meeting&apos;s duration must be greater than zero.</source>
        <translation>会议时长必须大于零</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="38"/>
        <source>Meeting room {room_id} does not exist.</source>
        <translation>会议室 {room_id} 不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="39"/>
        <location filename="../../ui/refusals/meetings.py" line="114"/>
        <source>Department {department_id} does not exist.</source>
        <translation>部门 {department_id} 不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="40"/>
        <source>User {user_id} does not exist.</source>
        <translation>用户 {user_id} 不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="41"/>
        <source>Cancelling a meeting needs a reason.</source>
        <translation>取消会议需要填写原因</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="42"/>
        <source>Postponing a meeting needs a reason.</source>
        <translation>会议延期需要填写原因</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="43"/>
        <source>Declining the invitation needs a reason.</source>
        <translation>谢绝参会需要填写原因</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="44"/>
        <source>Please give the name of the deputy who attends.</source>
        <translation>请填写代为参会人员的姓名</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="47"/>
        <source>Participant {participant_id} does not exist.</source>
        <translation>参会方 {participant_id} 不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="48"/>
        <source>Please choose at least one case before convening a coordination meeting.</source>
        <translation>请至少选择一个案件再召集协调会</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="51"/>
        <source>These cases do not exist: {case_ids}.</source>
        <translation>案件不存在：{case_ids}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="52"/>
        <source>Minutes can be recorded only after the meeting is held.</source>
        <translation>会议召开后才能记录纪要</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="55"/>
        <source>Agenda item {agenda_item_id} does not belong to this meeting.</source>
        <translation>议题 {agenda_item_id} 不属于本次会议</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="58"/>
        <source>An action item needs to say what is to be done.</source>
        <translation>交办事项需要写明办理内容</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="61"/>
        <source>An action item needs an owning department or a responsible person.</source>
        <translation>交办事项需要指定承办部门或责任人</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="24"/>
        <location filename="../../ui/refusals/meetings.py" line="64"/>
        <location filename="../../ui/refusals/meetings.py" line="112"/>
        <source>Case {case_id} does not exist.</source>
        <translation>案件 {case_id} 不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="65"/>
        <source>Please record the minutes before approving them.</source>
        <translation>请先记录会议纪要，再审定</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="66"/>
        <source>Completing an action item needs its result (evidence).</source>
        <translation>办结交办事项需要提供办理结果（佐证）</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="69"/>
        <source>Action item {action_item_id} does not exist.</source>
        <translation>交办事项 {action_item_id} 不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="70"/>
        <source>Action item {action_item_id} is “{item_status}”, not awaiting the department.</source>
        <translation>交办事项 {action_item_id} 当前为“{item_status}”，不在待部门办理状态</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="74"/>
        <source>Only action items linked to a case and owned by a department can be supervised.</source>
        <translation>只有关联案件且有承办部门的交办事项才能督办</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="78"/>
        <source>Only overdue, unfinished action items can be turned into supervision.</source>
        <translation>只有逾期未办结的交办事项才能转为督办</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="81"/>
        <source>Action item {action_item_id} is already under supervision.</source>
        <translation>交办事项 {action_item_id} 已在督办中</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="84"/>
        <source>Busy times belong to exactly one department, person or meeting room.</source>
        <translation>忙碌时间只能属于一个部门、人员或会议室</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="87"/>
        <source>Not a valid iCalendar file: {error}</source>
        <translation>不是有效的 iCalendar 文件：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="88"/>
        <source>The calendar&apos;s recurrence rules cannot be read: {error}</source>
        <translation>日历中的重复规则无法解析：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="92"/>
        <source>Meeting times must carry a time zone.</source>
        <translation>会议时间必须带时区</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="93"/>
        <source>A meeting must end after it starts.</source>
        <translation>会议的结束时间必须晚于开始时间</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="94"/>
        <source>A meeting needs a positive duration.</source>
        <translation>会议时长必须大于零</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="96"/>
        <source>{setting}={value} should be whole hours separated by commas, such as 72,24,4.</source>
        <translation>{setting}={value} 应为逗号分隔的整数小时数，如 72,24,4</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="100"/>
        <source>Every reminder point of {setting} is at least 1 hour.</source>
        <translation>{setting} 的每个提醒点至少为 1 小时</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="103"/>
        <source>A supervision order needs its instruction.</source>
        <translation>督办需要写明督办要求</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="106"/>
        <source>A supervision order goes to exactly one town (subdistrict) or one department.</source>
        <translation>督办只能发给一个镇街或一个部门</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="109"/>
        <source>The supervision deadline must be later than now.</source>
        <translation>督办期限必须晚于当前时间</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="113"/>
        <source>Town (subdistrict) {town_id} does not exist.</source>
        <translation>镇街 {town_id} 不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="115"/>
        <source>Town staff may only supervise units of their own town (subdistrict).</source>
        <translation>镇街工作人员只能督办本镇街的单位</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="118"/>
        <source>The answer to a supervision order cannot be empty.</source>
        <translation>督办答复不能为空</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="121"/>
        <source>Supervision order {order_id} does not exist.</source>
        <translation>督办 {order_id} 不存在</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="122"/>
        <source>This supervision order is already signed off.</source>
        <translation>该督办已签结</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="125"/>
        <source>Only the supervised unit may answer this supervision order.</source>
        <translation>只有被督办单位可以答复该督办</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="128"/>
        <source>A supervision order can be signed off only after the unit has answered.</source>
        <translation>被督办单位答复后才能签结</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/meetings.py" line="131"/>
        <source>Only the issuer of the supervision order or the city information centre may sign it off.</source>
        <translation>只有督办签发人或市信息中心可以签结督办</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="19"/>
        <source>The user name “{username}” is not valid: use lower-case English letters, digits and underscores, start with a letter, 2–63 characters.</source>
        <translation>用户名“{username}”无效：只能使用小写英文字母、数字和下划线，以字母开头，长度 2–63。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="24"/>
        <source>The user name “{username}” is reserved by the system; please choose another.</source>
        <translation>用户名“{username}”是系统保留名称，请换一个。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="27"/>
        <source>Gateway logins are only for the central PostgreSQL database; the embedded SQLite database needs none.</source>
        <translation>网关登录角色只用于 PostgreSQL 中心数据库；嵌入式 SQLite 无需创建。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="32"/>
        <source>The role “{role}” is not valid; choose one of: {choices}.</source>
        <translation>角色“{role}”无效，可选：{choices}。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="35"/>
        <source>The display name cannot be empty and has at most {limit} characters.</source>
        <translation>显示名称不能为空，且不超过 {limit} 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="38"/>
        <source>Town staff must be given the town they work for (--town).</source>
        <translation>镇街工作人员必须指定所属镇街（--town）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="41"/>
        <source>Department staff must be given the department they work for (--department).</source>
        <translation>部门工作人员必须指定所属部门（--department）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="44"/>
        <source>No town “{town}” was found.</source>
        <translation>找不到镇街“{town}”。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="45"/>
        <source>No department “{department}” was found.</source>
        <translation>找不到部门“{department}”。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="46"/>
        <source>The user “{username}” already exists.</source>
        <translation>用户“{username}”已存在。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="47"/>
        <source>The database already has a login role named “{username}”; please choose another user name.</source>
        <translation>数据库中已有名为“{username}”的登录角色，请换一个用户名。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="51"/>
        <source>The database refused this (insufficient privilege): {detail}</source>
        <translation>数据库拒绝了此操作（权限不足）：{detail}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="54"/>
        <source>The database refused this: {detail}</source>
        <translation>数据库拒绝了此操作：{detail}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="55"/>
        <source>No user “{username}” was found.</source>
        <translation>找不到用户“{username}”。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="57"/>
        <source>The point (latitude {lat}, longitude {lon}) is outside every grid of the city.</source>
        <translation>该点（纬度 {lat}，经度 {lon}）不在本市任何网格内。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="61"/>
        <source>The grids&apos; ids must be unique.</source>
        <translation>网格编号不能重复。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="62"/>
        <source>There are no grids with a boundary.</source>
        <translation>没有带边界的网格。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="63"/>
        <source>No point inside the area could be found (is it empty or degenerate?).</source>
        <translation>无法在该区域内取点（区域为空或退化？）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="67"/>
        <source>This grid worker cannot be found, or is outside what you may see.</source>
        <translation>找不到该群工队员，或其不在您可查看的范围内。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="71"/>
        <source>{variable}={value} is not valid: give the seconds between checks of deadlines (0 turns them off).</source>
        <translation>{variable}={value} 无效：应为两次期限检查之间的秒数（0 表示关闭）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="76"/>
        <source>Deadlines are checked at an interval above 0 seconds.</source>
        <translation>期限检查的间隔必须大于 0 秒。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="80"/>
        <source>Unknown grid worker status: {value}.</source>
        <translation>未知的群工队员状态：{value}。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="82"/>
        <source>{total} cannot be split into {count} parts of at least {minimum} each.</source>
        <translation>{total} 无法分成 {count} 份且每份不少于 {minimum}。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="85"/>
        <source>The database already has a city: the demo city is built only into an empty one.</source>
        <translation>数据库中已有城市：演示城市只能建在空数据库中。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="88"/>
        <source>The database is not empty: the table {table} has rows.</source>
        <translation>数据库不是空的：表 {table} 中已有数据。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="89"/>
        <source>The numbers of cases and logs cannot be negative.</source>
        <translation>案件数和日志数不能为负数。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="90"/>
        <source>The demo city&apos;s present time needs a time zone.</source>
        <translation>演示城市的当前时间必须带时区。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="92"/>
        <source>The speed-up (--speedup) must be above 0.</source>
        <translation>加速倍数（--speedup）必须大于 0。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="93"/>
        <source>A speed-up above 1 needs a duration (--duration): the phones&apos; times must not reach the future.</source>
        <translation>加速倍数大于 1 时需要指定时长（--duration）：手机上报的时间不能超过当前时间。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="97"/>
        <source>The database has no grid workers with grids to simulate (build the demo city first).</source>
        <translation>数据库中没有带网格的群工队员可供模拟（请先生成演示城市）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="101"/>
        <source>No gateway answers at {url} ({problem}); start one with “python main.py gateway” or pass --embedded.</source>
        <translation>{url} 没有网关应答（{problem}）；请用“python main.py gateway”启动网关，或加 --embedded。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="106"/>
        <source>The simulation needs sessions bound to a database engine.</source>
        <translation>模拟需要绑定到数据库引擎的会话。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="111"/>
        <source>The report was refused: {message}</source>
        <translation>上报被拒绝：{message}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="112"/>
        <source>A repeated report was refused: {message}</source>
        <translation>重复的上报被拒绝：{message}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="113"/>
        <source>The phone&apos;s request was refused: {message}</source>
        <translation>手机的请求被拒绝：{message}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/people.py" line="114"/>
        <source>The device request was refused: {message}</source>
        <translation>设备操作被拒绝：{message}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="13"/>
        <source>A case that is “{status}” cannot be given “{action}”.</source>
        <translation>状态为“{status}”的案件不能执行“{action}”。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="16"/>
        <source>The case is already at city level: “{action}” cannot take it higher.</source>
        <translation>案件已在市级，无法再“{action}”。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="19"/>
        <source>Your role ({role}) may not “{action}” this case.</source>
        <translation>您的角色（{role}）无权对该案件执行“{action}”。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="20"/>
        <source>“{action}” needs a reason.</source>
        <translation>“{action}”需要填写原因。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="21"/>
        <source>{last_actor} did “{last_action}” at {last_at}.</source>
        <translation>{last_actor} 于 {last_at} 执行了“{last_action}”。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="22"/>
        <source>Someone else changed this case.</source>
        <translation>他人已修改该案件。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="23"/>
        <source>There is no case numbered “{number}”.</source>
        <translation>没有编号为“{number}”的案件。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="71"/>
        <location filename="../../ui/refusals/cases.py" line="25"/>
        <source>Case {case_id} does not exist, or you may not see it.</source>
        <translation>案件 {case_id} 不存在，或您无权查看。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="26"/>
        <source>Unknown kind of case “{kind}”.</source>
        <translation>未知的案件类型“{kind}”。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="27"/>
        <source>The category “{category}” does not belong to this kind of case.</source>
        <translation>类别“{category}”与案件类型不符。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="30"/>
        <source>A case needs a title.</source>
        <translation>案件需要填写标题。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="31"/>
        <source>A case title is at most {limit} characters.</source>
        <translation>案件标题最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="32"/>
        <source>The number of parties cannot be negative.</source>
        <translation>当事人人数不能为负数。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="33"/>
        <source>({lat}, {lon}) is not a valid coordinate.</source>
        <translation>（{lat}, {lon}）不是有效的坐标。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="34"/>
        <source>Unknown source channel “{channel}”.</source>
        <translation>未知的来源渠道“{channel}”。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="35"/>
        <source>The reporter&apos;s phone is at most {limit} characters.</source>
        <translation>反映人电话最多 {limit} 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="38"/>
        <location filename="../../ui/refusals/cases.py" line="117"/>
        <source>The reporter&apos;s name is at most {limit} characters.</source>
        <translation>反映人姓名最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="41"/>
        <source>The parties&apos; names together are at most {limit} characters.</source>
        <translation>当事人姓名合计最多 {limit} 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="44"/>
        <source>The parties&apos; phones together are at most {limit} characters.</source>
        <translation>当事人电话合计最多 {limit} 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="47"/>
        <source>The parties&apos; ID numbers together are at most {limit} characters.</source>
        <translation>当事人身份证号合计最多 {limit} 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="50"/>
        <source>The point ({lat}, {lon}) is outside the city.</source>
        <translation>该地点（{lat}, {lon}）不在本市范围内。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="51"/>
        <source>This place belongs to {town}; you may only file cases of your own town (subdistrict).</source>
        <translation>该地点属于{town}，您只能登记本镇（街道）的案件。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="55"/>
        <source>This place belongs to another town; you may only file cases of your own town (subdistrict).</source>
        <translation>该地点属于其他镇街，您只能登记本镇（街道）的案件。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="59"/>
        <source>The chosen handling department does not exist; please choose again.</source>
        <translation>所选承办部门不存在，请重新选择。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="62"/>
        <source>The case to link (id {case_id}) does not exist or you may not see it.</source>
        <translation>要关联的案件（编号 {case_id}）不存在或您无权查看。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="65"/>
        <source>Assigning needs a person or at least one department.</source>
        <translation>分派需要指定一名人员或至少一个部门。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="68"/>
        <source>User {user_id} does not exist or is disabled.</source>
        <translation>用户 {user_id} 不存在或已停用。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="69"/>
        <source>Unknown department(s): {department_ids}.</source>
        <translation>未知的部门：{department_ids}。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="70"/>
        <source>A return visit records satisfaction from 1 to 5.</source>
        <translation>回访需记录 1 到 5 的满意度。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="71"/>
        <source>Name the other, existing case this one duplicates or merges into.</source>
        <translation>请填写本案件重复或并入的另一个已有案件。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="74"/>
        <source>There is no active user named “{username}”.</source>
        <translation>没有名为“{username}”的在用用户。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="76"/>
        <source>The reporter&apos;s phone “{phone}” is not a valid number: enter 7 to 15 digits (an area code and “-” are allowed).</source>
        <translation>反映人的电话“{phone}”不是有效号码：请填写 7 到 15 位数字（可含区号和“-”）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="80"/>
        <source>The phone “{phone}” of the party {name} is not a valid number: enter 7 to 15 digits (an area code and “-” are allowed).</source>
        <translation>当事人{name}的电话“{phone}”不是有效号码：请填写 7 到 15 位数字（可含区号和“-”）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="84"/>
        <source>The ID number “{number}” of the party {name} should have 18 characters (the last may be X).</source>
        <translation>当事人{name}的身份证号“{number}”应为 18 位（最后一位可为 X）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="88"/>
        <source>The check digit of the ID number “{number}” of the party {name} is wrong; please check it.</source>
        <translation>当事人{name}的身份证号“{number}”校验位不正确，请核对。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="92"/>
        <source>The date of birth in the ID number “{number}” of the party {name} is not valid; please check it.</source>
        <translation>当事人{name}的身份证号“{number}”中的出生日期无效，请核对。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="96"/>
        <source>The party&apos;s name “{name}” may not contain an enumeration comma or a comma: enter each party on a line of its own.</source>
        <translation>当事人姓名“{name}”中不能含有顿号或逗号：每位当事人单独填一行。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="100"/>
        <source>Your role may not file cases: cases are filed by the city information centre or town (subdistrict) staff.</source>
        <translation>您的角色不能登记案件：请由市信息中心或镇（街道）工作人员登记。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="104"/>
        <source>Please choose the source channel.</source>
        <translation>请选择来源渠道。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="105"/>
        <source>Please choose the kind of case.</source>
        <translation>请选择案件类型。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="106"/>
        <source>Please choose a category that fits the kind of case.</source>
        <translation>请选择与案件类型相符的类别。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="109"/>
        <source>Please enter the title of the matter.</source>
        <translation>请填写事项标题。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="110"/>
        <source>The title of the matter is at most {limit} characters.</source>
        <translation>事项标题最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="113"/>
        <source>Please pick a point on the map, or search for a village (community) or grid by name and choose the place.</source>
        <translation>请在地图上选点，或按村（社区）、网格名称搜索选择地点。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="120"/>
        <source>Please enter the reporter&apos;s name or phone, for the reply and the return visit.</source>
        <translation>请填写反映人的姓名或电话，以便回复和回访。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="123"/>
        <source>For a phone call, please enter the caller&apos;s number.</source>
        <translation>电话来访请填写来电号码。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="126"/>
        <source>At most {limit} parties can be entered at once; write the others into the description.</source>
        <translation>一次最多登记 {limit} 位当事人，其余请写入情况描述。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="130"/>
        <source>Party {number} has no name.</source>
        <translation>第 {number} 位当事人缺少姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="131"/>
        <source>The name of the party “{name}…” is too long (at most {limit} characters).</source>
        <translation>当事人“{name}…”的姓名过长（最多 {limit} 个字）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="134"/>
        <source>The number of parties ({count}) is less than the parties entered ({listed}).</source>
        <translation>当事人人数（{count}）少于已登记的当事人（{listed} 位）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="137"/>
        <source>The number of parties is not plausible; please check it.</source>
        <translation>当事人人数不合理，请核对。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="140"/>
        <source>A mass incident involves at least {minimum} parties.</source>
        <translation>群体性事件的当事人人数应不少于 {minimum} 人。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="143"/>
        <source>The parties&apos; names together are at most {limit} characters: with many parties, write them into the description.</source>
        <translation>当事人姓名合计最多 {limit} 个字符：人数较多时请写入情况描述。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="147"/>
        <source>The parties&apos; phones together are at most {limit} characters: with many parties, write them into the description.</source>
        <translation>当事人电话合计最多 {limit} 个字符：人数较多时请写入情况描述。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="151"/>
        <source>The parties&apos; ID numbers together are at most {limit} characters: with many parties, write them into the description.</source>
        <translation>当事人身份证号合计最多 {limit} 个字符：人数较多时请写入情况描述。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="155"/>
        <source>The description is at most {limit} characters.</source>
        <translation>情况描述最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="158"/>
        <source>“{place}” has no boundary to locate it by; please pick a point on the map.</source>
        <translation>“{place}”没有可定位的边界，请在地图上选点。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="161"/>
        <source>Only the system administrator may change the category routing rules.</source>
        <translation>只有系统管理员可以修改类别分派规则。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="164"/>
        <source>Unknown case categories: {categories}.</source>
        <translation>未知的案件类别：{categories}。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="165"/>
        <source>The chosen handling department does not exist; please refresh and try again.</source>
        <translation>所选承办部门不存在，请刷新后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="168"/>
        <source>Please enter the name of the sensitive period.</source>
        <translation>请填写敏感时期的名称。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="171"/>
        <source>The name of a sensitive period is at most {limit} characters.</source>
        <translation>敏感时期名称最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="174"/>
        <source>The end date of the sensitive period cannot be earlier than its start date.</source>
        <translation>敏感时期的结束日期不能早于开始日期。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="177"/>
        <source>A sensitive period lasts at most one year; enter longer ones in parts.</source>
        <translation>一个敏感时期最长一年，请分段登记。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="180"/>
        <source>The focus of work is at most {limit} characters.</source>
        <translation>工作重点最多 {limit} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="183"/>
        <source>Only the city information centre&apos;s duty officers or the system administrator may keep the sensitive periods.</source>
        <translation>只有市信息中心值班员或系统管理员可以维护敏感时期。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="187"/>
        <source>This sensitive period was deleted by someone else; please refresh.</source>
        <translation>该敏感时期已被他人删除，请刷新。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/cases.py" line="191"/>
        <source>A time limit cannot be a negative number of working days ({days}).</source>
        <translation>办理时限的工作日数不能为负数（{days}）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="14"/>
        <source>The analysis cannot count by “{bucket}”: by week or by month only.</source>
        <translation>分析不能按“{bucket}”统计，只能按周或按月。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="17"/>
        <source>The period of the analysis must be given with its time zone.</source>
        <translation>分析的时段必须带时区。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="20"/>
        <source>The end of the period cannot be earlier than its start.</source>
        <translation>时段的结束不能早于开始。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="23"/>
        <source>There is no period called “{period}”.</source>
        <translation>没有名为“{period}”的时段。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="24"/>
        <source>The trend cannot be drawn by “{series}”: by kind, category or town only.</source>
        <translation>趋势不能按“{series}”绘制，只能按类型、类别或镇街。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="27"/>
        <source>The shares cannot be counted by “{unit}”: by town or village only.</source>
        <translation>化解占比不能按“{unit}”统计，只能按镇街或村（社区）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="30"/>
        <source>The comparison needs a baseline of at least one week.</source>
        <translation>比较的基准期至少需要一周。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="34"/>
        <source>Unknown briefing period: {period}</source>
        <translation>未知的简报周期：{period}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="35"/>
        <source>The start and end of a briefing must be given with their time zone.</source>
        <translation>简报的起止时间必须带时区</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="38"/>
        <source>The end date of a briefing must be later than its start date.</source>
        <translation>简报的结束日期必须晚于开始日期</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="41"/>
        <source>A briefing covers at most {limit} days.</source>
        <translation>简报周期不能超过 {limit} 天</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="43"/>
        <source>This sentiment log has already been turned into case {number}; it cannot be turned again.</source>
        <translation>这条民情日志已经转为案件 {number}，不能再次转换。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="47"/>
        <source>Visit coverage cannot be counted by “{level_name}”: by grid, village or town only.</source>
        <translation>走访覆盖率不能按“{level_name}”统计，只能按网格、村（社区）或镇街。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="50"/>
        <source>This sentiment log cannot be found (deleted, or outside what you may see).</source>
        <translation>找不到这条民情日志（已删除，或不在您的权限范围内）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="53"/>
        <source>This sentiment log has no location and its grid has no centre: the case cannot be placed.</source>
        <translation>这条民情日志没有位置，所在网格也没有中心点，无法定位案件。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="57"/>
        <source>Your role may not turn sentiment logs into cases.</source>
        <translation>您的角色不能把民情日志转为案件。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="58"/>
        <source>This sentiment log could not be updated (it may be outside what you may see); no case was filed.</source>
        <translation>这条民情日志无法更新（可能不在您的权限范围内），未创建案件。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="62"/>
        <source>The log&apos;s location is outside the city: no case can be filed.</source>
        <translation>日志位置不在本市范围内，无法立案。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="65"/>
        <source>The case title cannot be empty and is at most {limit} characters.</source>
        <translation>案件标题不能为空，且不超过{limit}字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="68"/>
        <source>The kind or category of the case is not valid.</source>
        <translation>案件类型或类别无效。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="69"/>
        <source>The case cannot be filed.</source>
        <translation>无法立案。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="73"/>
        <source>Worker {worker_id} is not in your scope.</source>
        <translation>网格员 {worker_id} 不在您的管辖范围内。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="74"/>
        <source>The end of the range cannot be earlier than its start.</source>
        <translation>时间范围的结束不能早于开始。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="77"/>
        <source>At most {limit} days at a time.</source>
        <translation>一次最多 {limit} 天。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="79"/>
        <source>{setting}={value} is not a whole number of days.</source>
        <translation>{setting}={value} 不是整数天数</translation>
    </message>
    <message>
        <location filename="../../ui/refusals/analysis.py" line="82"/>
        <source>{setting} must be at least 1 day.</source>
        <translation>{setting} 至少为 1 天</translation>
    </message>
</context>
<context>
    <name>ReplayWindow</name>
    <message>
        <location filename="../../ui/live/replay_window.py" line="251"/>
        <source>Track replay</source>
        <translation>轨迹回放</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="277"/>
        <source>Show track</source>
        <translation>查看轨迹</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="280"/>
        <location filename="../../ui/live/replay_window.py" line="320"/>
        <location filename="../../ui/live/replay_window.py" line="407"/>
        <location filename="../../ui/live/replay_window.py" line="441"/>
        <source>Worker</source>
        <translation>队员</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="282"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="289"/>
        <location filename="../../ui/live/replay_window.py" line="650"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="303"/>
        <source>Speed</source>
        <translation>倍速</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="314"/>
        <source>Day summary</source>
        <translation>当日概况</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="321"/>
        <source>Fixes (valid)</source>
        <translation>定位点（有效）</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="322"/>
        <source>Mock locations</source>
        <translation>模拟定位</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="323"/>
        <location filename="../../ui/live/replay_window.py" line="382"/>
        <source>Low accuracy</source>
        <translation>低精度定位</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="324"/>
        <source>First – last fix</source>
        <translation>首末定位时间</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="325"/>
        <location filename="../../ui/live/replay_window.py" line="339"/>
        <source>Distance</source>
        <translation>巡查里程</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="326"/>
        <source>In own grid / reporting</source>
        <translation>在本网格 / 在线时长</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="327"/>
        <location filename="../../ui/live/replay_window.py" line="447"/>
        <source>Grid visited</source>
        <translation>网格覆盖率</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="328"/>
        <source>Stops / grid exits</source>
        <translation>停留点 / 出网格次数</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="329"/>
        <source>Reports off the track</source>
        <translation>偏离轨迹的上报</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="336"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="336"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="336"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="337"/>
        <location filename="../../ui/live/replay_window.py" line="433"/>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="337"/>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="337"/>
        <location filename="../../ui/live/replay_window.py" line="407"/>
        <source>Minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="339"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="339"/>
        <source>Reported</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="339"/>
        <source>Check</source>
        <translation>核验</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="344"/>
        <source>Grid enter/exit</source>
        <translation>进出网格</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="345"/>
        <source>Stops</source>
        <translation>停留点</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="346"/>
        <source>Reports</source>
        <translation>上报核验</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="347"/>
        <source>Alerts</source>
        <translation>预警</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="348"/>
        <source>Patrol coverage</source>
        <translation>巡查覆盖</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="381"/>
        <source>Mock location</source>
        <translation>模拟定位</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="383"/>
        <source>Stop</source>
        <translation>停留</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="384"/>
        <source>min</source>
        <translation>分钟</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="385"/>
        <location filename="../../ui/live/replay_window.py" line="604"/>
        <source>Left the grid</source>
        <translation>离开网格</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="386"/>
        <location filename="../../ui/live/replay_window.py" line="604"/>
        <source>Entered the grid</source>
        <translation>进入网格</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="387"/>
        <source>far from the track</source>
        <translation>偏离轨迹</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="388"/>
        <source>no track at that time</source>
        <translation>当时无轨迹</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="397"/>
        <source>During working hours: out of the own grid for more than %1 min, or no movement beyond %2 m for more than %3 min while reporting.</source>
        <translation>工作时间内：离开本网格超过 %1 分钟，或在线但 %3 分钟以上移动不超过 %2 米。</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="407"/>
        <source>Alert</source>
        <translation>预警</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="407"/>
        <source>Since</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="410"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="427"/>
        <source>Compute</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="430"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="435"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="442"/>
        <source>Squad</source>
        <translation>中队</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="443"/>
        <source>Days</source>
        <translation>在线天数</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="444"/>
        <source>In grid</source>
        <translation>在格时长</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="445"/>
        <source>Reporting</source>
        <translation>在线时长</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="446"/>
        <source>km</source>
        <translation>里程（公里）</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="448"/>
        <source>Mock</source>
        <translation>模拟定位</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="449"/>
        <source>Low acc.</source>
        <translation>低精度</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="516"/>
        <source>No positions have been recorded yet.</source>
        <translation>尚无定位记录。</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="529"/>
        <source>Choose a worker from the list first.</source>
        <translation>请先从列表中选择一名队员。</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="571"/>
        <source>%1 has no fixes on %2.</source>
        <translation>%1 在 %2 没有定位记录。</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="586"/>
        <source>%1 km</source>
        <translation>%1 公里</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="629"/>
        <source>Near the track</source>
        <translation>与轨迹相符</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="630"/>
        <source>Far from the track</source>
        <translation>偏离轨迹</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="631"/>
        <source>No track at that time</source>
        <translation>当时无轨迹</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="634"/>
        <source>mock location</source>
        <translation>模拟定位</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="650"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="721"/>
        <source>Out of grid</source>
        <translation>离开网格</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="721"/>
        <source>No movement</source>
        <translation>长时间未移动</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="742"/>
        <source>Choose a town or squad first.</source>
        <translation>请先选择镇街或中队。</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="745"/>
        <source>The range ends before it starts.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="748"/>
        <source>Choose at most %1 days at a time.</source>
        <translation>每次最多统计 %1 天。</translation>
    </message>
    <message>
        <location filename="../../ui/live/replay_window.py" line="814"/>
        <source>Reading the track failed: %1</source>
        <translation>读取轨迹失败：%1</translation>
    </message>
</context>
<context>
    <name>RisksSection</name>
    <message>
        <location filename="../../ui/villagework/risks.py" line="45"/>
        <location filename="../../ui/villagework/risks.py" line="178"/>
        <location filename="../../ui/villagework/risks.py" line="207"/>
        <location filename="../../ui/villagework/risks.py" line="248"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="45"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="45"/>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="45"/>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="45"/>
        <location filename="../../ui/villagework/risks.py" line="256"/>
        <source>Decision</source>
        <translation>决策</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="51"/>
        <location filename="../../ui/villagework/risks.py" line="215"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="51"/>
        <location filename="../../ui/villagework/risks.py" line="214"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="51"/>
        <location filename="../../ui/villagework/risks.py" line="218"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="51"/>
        <source>For / against</source>
        <translation>赞成/反对</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="57"/>
        <source>New assessment…</source>
        <translation>新建评估…</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="58"/>
        <source>Add step…</source>
        <translation>登记评估步骤…</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="59"/>
        <source>Decide…</source>
        <translation>作出决策…</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="105"/>
        <source>%1 assessments: %2 decided, %3 halted</source>
        <translation>评估 %1 项：已决策 %2 项，叫停 %3 项</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="120"/>
        <source>Select an assessment.</source>
        <translation>请选择一项评估。</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="124"/>
        <source>%1 · %2 · owner %3 · started %4</source>
        <translation>%1 · %2 · 项目主体：%3 · %4 开始评估</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="134"/>
        <source>Risk %1, decision: %2 — %3, %4</source>
        <translation>风险等级：%1；决策：%2 —— %3，%4</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="142"/>
        <source>Measures: %1</source>
        <translation>化解措施：%1</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="146"/>
        <source>Still to do before a decision: %1</source>
        <translation>作出决策前还需完成：%1</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="148"/>
        <source>Every step is recorded: ready for a decision.</source>
        <translation>评估步骤已全部完成，可以作出决策。</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="175"/>
        <source>New stability risk assessment</source>
        <translation>新建社会稳定风险评估</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="182"/>
        <source>Project kind</source>
        <translation>项目类型</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="184"/>
        <source>Owner unit</source>
        <translation>项目主体单位</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="185"/>
        <source>Started</source>
        <translation>评估开始日期</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="206"/>
        <source>Assessment step</source>
        <translation>登记评估步骤</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="217"/>
        <source>What was published, heard or advised, and the conclusion</source>
        <translation>公示、听证或咨询的内容及结论</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="220"/>
        <source>Participants</source>
        <translation>参加人数</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="221"/>
        <source>For</source>
        <translation>赞成人数</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="222"/>
        <source>Against</source>
        <translation>反对人数</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="223"/>
        <source>Suggestions</source>
        <translation>意见建议条数</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="247"/>
        <source>Decision on the project</source>
        <translation>项目决策</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="252"/>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="258"/>
        <source>Measures to defuse the risk (required with measures)</source>
        <translation>风险化解措施（选择“采取措施后实施”时必填）</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="259"/>
        <source>Measures</source>
        <translation>化解措施</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="261"/>
        <source>Decided by</source>
        <translation>决策人</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/risks.py" line="262"/>
        <source>Decided on</source>
        <translation>决策日期</translation>
    </message>
</context>
<context>
    <name>RoundDialog</name>
    <message>
        <location filename="../../ui/screening_pane.py" line="206"/>
        <source>Record a screening round</source>
        <translation>登记排查</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="231"/>
        <source>Categories, places or parties screened with priority</source>
        <translation>重点排查的类别、地点或当事人</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="247"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="248"/>
        <source>Town</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="249"/>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="250"/>
        <source>Kind</source>
        <translation>排查类型</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="251"/>
        <source>Scope</source>
        <translation>排查范围</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="252"/>
        <source>Focus</source>
        <translation>排查重点</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="253"/>
        <source>Period covered</source>
        <translation>排查期间</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="254"/>
        <source>Screened on</source>
        <translation>排查日期</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="255"/>
        <source>Notes</source>
        <translation>排查情况</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="258"/>
        <source>Checklist item</source>
        <translation>清单项目</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="258"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="262"/>
        <source>Checklist (tick what was screened)</source>
        <translation>排查清单（勾选已排查的项目）</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="264"/>
        <source>Findings: logs and cases of the place and period to link</source>
        <translation>排查发现：可关联本地点、本期间的民情日志和案件</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="208"/>
        <source>Save the round</source>
        <translation>保存排查记录</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="342"/>
        <source>Sensitive period %1: the town and city rounds must be focused.</source>
        <translation>敏感时期“%1”：镇（街道）和市级须开展重点排查。</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="401"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="401"/>
        <source>Log</source>
        <translation>民情日志</translation>
    </message>
</context>
<context>
    <name>RoutesDialog</name>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="723"/>
        <source>Category routing</source>
        <translation>类别分派规则</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="728"/>
        <source>A case filed at the desk is assigned to the department of its category.</source>
        <translation>窗口登记的案件按类别自动分派给以下承办部门。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="730"/>
        <source>Only administrators change the routing; you see it read-only.</source>
        <translation>分派规则只能由系统管理员修改，您只能查看。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="735"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="735"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="735"/>
        <source>Department</source>
        <translation>承办部门</translation>
    </message>
    <message>
        <location filename="../../ui/cases/intake_dialog.py" line="774"/>
        <source>(not routed)</source>
        <translation>（不分派）</translation>
    </message>
</context>
<context>
    <name>ScheduleDialog</name>
    <message>
        <location filename="../../ui/meetings/dialogs.py" line="50"/>
        <source>Schedule meeting</source>
        <translation>安排会议时间</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/dialogs.py" line="63"/>
        <source>Starts</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/dialogs.py" line="67"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/dialogs.py" line="69"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/dialogs.py" line="71"/>
        <source>(no room)</source>
        <translation>（无会议室）</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/dialogs.py" line="76"/>
        <source>Room</source>
        <translation>会议室</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/dialogs.py" line="77"/>
        <source>Check conflicts</source>
        <translation>检查冲突</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/dialogs.py" line="110"/>
        <source>Conflicts: this time cannot be saved.</source>
        <translation>存在冲突：该时间无法保存。</translation>
    </message>
    <message>
        <location filename="../../ui/meetings/dialogs.py" line="113"/>
        <source>No conflicts.</source>
        <translation>无冲突。</translation>
    </message>
</context>
<context>
    <name>Screening</name>
    <message>
        <location filename="../../ui/screening_pane.py" line="61"/>
        <source>Village (daily)</source>
        <translation>村（社区）· 每日</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="62"/>
        <source>Town (weekly)</source>
        <translation>镇（街道）· 每周</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="63"/>
        <source>City (half-monthly)</source>
        <translation>市级 · 每半月</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="66"/>
        <source>Routine</source>
        <translation>常规排查</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="67"/>
        <source>Concentrated</source>
        <translation>集中排查</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="70"/>
        <source>General</source>
        <translation>普遍排查</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="71"/>
        <source>Focused</source>
        <translation>重点排查</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="74"/>
        <source>Marriage and family disputes</source>
        <translation>婚姻家庭纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="75"/>
        <source>Neighbour disputes</source>
        <translation>邻里纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="76"/>
        <source>Land and forest rights</source>
        <translation>土地山林权属纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="77"/>
        <source>Labour disputes (unpaid wages)</source>
        <translation>劳资纠纷（拖欠工资）</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="78"/>
        <source>Land requisition and demolition</source>
        <translation>征地拆迁</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="79"/>
        <source>Property and housing</source>
        <translation>物业、房屋纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="80"/>
        <source>Contracts and debts</source>
        <translation>合同、债务纠纷</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="81"/>
        <source>Stability of key persons</source>
        <translation>重点人员稳控</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="82"/>
        <source>Petition backlog and signs</source>
        <translation>信访积案和苗头</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="83"/>
        <source>Signs of mass incidents</source>
        <translation>群体性事件苗头</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="84"/>
        <source>Public order hazards</source>
        <translation>治安隐患</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="85"/>
        <source>Work safety and fire hazards</source>
        <translation>安全生产和消防隐患</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="86"/>
        <source>Enterprise restructuring</source>
        <translation>企业改制</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="87"/>
        <source>Risk assessment of major projects</source>
        <translation>重大项目社会稳定风险评估落实</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="88"/>
        <source>Villages&apos; screening reports</source>
        <translation>各村（社区）排查情况汇总</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="89"/>
        <source>Towns&apos; screening reports</source>
        <translation>各镇（街道）排查情况汇总</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="90"/>
        <source>Analysis of hard cases</source>
        <translation>疑难复杂矛盾纠纷研判</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="91"/>
        <source>Duty watch and reporting</source>
        <translation>值班值守和信息报送</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="92"/>
        <source>Online public opinion</source>
        <translation>网络舆情</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="95"/>
        <source>Done</source>
        <translation>按时完成</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="96"/>
        <source>Late</source>
        <translation>补录</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="97"/>
        <source>Missed</source>
        <translation>漏排</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="98"/>
        <source>Due</source>
        <translation>应排查</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="170"/>
        <source>City</source>
        <translation>市级</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="172"/>
        <source>%1: a focused screening is due in this sensitive period (%2)</source>
        <translation>%1：敏感时期须开展重点排查（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="181"/>
        <source>%1: %2 villages missed the daily screening of %3: %4</source>
        <translation>%1：%2 个村（社区）%3 未开展每日排查：%4</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="189"/>
        <source>%1 missed the weekly screening of %2</source>
        <translation>%1 %2 未开展每周排查</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="194"/>
        <source>The city missed the half-monthly screening of %1</source>
        <translation>市级 %1 未开展半月排查</translation>
    </message>
</context>
<context>
    <name>ScreeningPane</name>
    <message>
        <location filename="../../ui/screening_pane.py" line="598"/>
        <source>Compliance</source>
        <translation>排查落实</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="599"/>
        <source>Rounds</source>
        <translation>排查记录</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="610"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="611"/>
        <source>This half-month</source>
        <translation>本半月</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="612"/>
        <source>Last 30 days</source>
        <translation>近30天</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="613"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="625"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="637"/>
        <location filename="../../ui/screening_pane.py" line="649"/>
        <source>Town</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="638"/>
        <source>Villages</source>
        <translation>村居数</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="639"/>
        <source>Village days missed</source>
        <translation>村级漏排</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="640"/>
        <source>Villages with gaps</source>
        <translation>漏排村数</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="641"/>
        <location filename="../../ui/screening_pane.py" line="652"/>
        <source>Late</source>
        <translation>补录</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="642"/>
        <source>Town weeks missed</source>
        <translation>镇级漏排</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="647"/>
        <location filename="../../ui/screening_pane.py" line="721"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="648"/>
        <location filename="../../ui/screening_pane.py" line="722"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="650"/>
        <source>Due</source>
        <translation>应排查</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="651"/>
        <source>Done</source>
        <translation>按时完成</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="653"/>
        <source>Missed</source>
        <translation>漏排</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="654"/>
        <source>Missed dates</source>
        <translation>漏排日期</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="657"/>
        <source>Missed-round alerts</source>
        <translation>漏排提醒</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="658"/>
        <source>Per town</source>
        <translation>各镇（街道）</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="659"/>
        <source>Places with missed or late rounds</source>
        <translation>漏排或补录的地点</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="685"/>
        <source>All levels</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="689"/>
        <source>All towns</source>
        <translation>全部镇街</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="701"/>
        <source>Record a round…</source>
        <translation>登记排查…</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="703"/>
        <source>New log…</source>
        <translation>新建民情日志…</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="704"/>
        <source>New case…</source>
        <translation>登记新案件…</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="705"/>
        <source>Link findings…</source>
        <translation>关联排查发现…</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="712"/>
        <source>Checklist templates…</source>
        <translation>清单模板…</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="720"/>
        <source>Period</source>
        <translation>排查期间</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="723"/>
        <source>Kind</source>
        <translation>排查类型</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="724"/>
        <source>Scope</source>
        <translation>排查范围</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="725"/>
        <source>Checked</source>
        <translation>已排查项</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="726"/>
        <location filename="../../ui/screening_pane.py" line="741"/>
        <source>Findings</source>
        <translation>排查发现</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="727"/>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="740"/>
        <source>Checklist</source>
        <translation>排查清单</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="833"/>
        <source>The end date is before the start date.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="835"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="848"/>
        <source>%1 — %2: %3 rounds due, %4 missed, %5 late.</source>
        <translation>%1 至 %2：应排查 %3 次，漏排 %4 次，补录 %5 次。</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="858"/>
        <source>Sensitive period (%1): towns and the city owe focused rounds.</source>
        <translation>敏感时期（%1）：镇（街道）和市级须开展重点排查。</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="862"/>
        <source>Focused rounds due now: %1.</source>
        <translation>当前待开展重点排查 %1 处。</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="883"/>
        <location filename="../../ui/screening_pane.py" line="893"/>
        <location filename="../../ui/screening_pane.py" line="961"/>
        <source>City</source>
        <translation>市级</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="888"/>
        <source>Focused round due %1</source>
        <translation>%1 须开展重点排查</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="929"/>
        <source>No missed rounds.</source>
        <translation>没有漏排。</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="960"/>
        <source>(late)</source>
        <translation>（补录）</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="1014"/>
        <source>%1 · screened on %2 · recorded %3 by %4</source>
        <translation>%1 · 排查日期 %2 · %3 由 %4 登记</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="1030"/>
        <location filename="../../ui/screening_pane.py" line="1131"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="1030"/>
        <location filename="../../ui/screening_pane.py" line="1131"/>
        <source>Log</source>
        <translation>民情日志</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="1035"/>
        <source>Nothing linked yet.</source>
        <translation>尚未关联民情日志或案件。</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="1061"/>
        <source>Screening round saved.</source>
        <translation>排查记录已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="1090"/>
        <source>Sentiment log filed and linked to the round.</source>
        <translation>民情日志已登记，并关联到本次排查。</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="1110"/>
        <source>Linked to the round.</source>
        <translation>已关联到本次排查。</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="1127"/>
        <source>Link findings to the round</source>
        <translation>关联排查发现</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="1138"/>
        <source>No logs or cases of this place and period to link.</source>
        <translation>本地点、本期间没有可关联的民情日志或案件。</translation>
    </message>
</context>
<context>
    <name>SpotCheckDialog</name>
    <message>
        <location filename="../../ui/petitions_pane.py" line="791"/>
        <source>New spot check</source>
        <translation>登记明查暗访</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="793"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="800"/>
        <source>Checking unit and person</source>
        <translation>检查单位及检查人</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="806"/>
        <source>Town</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="807"/>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="808"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="809"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="826"/>
        <source>Rectify by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="833"/>
        <source>Rectified</source>
        <translation>已整改</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="835"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="836"/>
        <source>Checked by</source>
        <translation>检查单位/人</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="837"/>
        <source>Kind</source>
        <translation>检查方式</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="838"/>
        <source>Checked unit</source>
        <translation>被检查单位</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="840"/>
        <source>Findings</source>
        <translation>检查情况</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="841"/>
        <source>Problems found</source>
        <translation>发现问题</translation>
    </message>
    <message>
        <location filename="../../ui/petitions_pane.py" line="842"/>
        <source>Rectification required</source>
        <translation>整改要求</translation>
    </message>
</context>
<context>
    <name>SupervisionDialog</name>
    <message>
        <location filename="../../ui/cases/panel.py" line="245"/>
        <source>Issue supervision order</source>
        <translation>下发督办</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="262"/>
        <source>To</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="263"/>
        <source>Instruction</source>
        <translation>督办意见</translation>
    </message>
    <message>
        <location filename="../../ui/cases/panel.py" line="264"/>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <location filename="../../ui/screening_pane.py" line="492"/>
        <source>Screening checklist templates</source>
        <translation>排查清单模板</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="515"/>
        <source>Save the template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <location filename="../../ui/screening_pane.py" line="561"/>
        <source>Template saved.</source>
        <translation>模板已保存。</translation>
    </message>
</context>
<context>
    <name>Trace</name>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="47"/>
        <source>%1 h (%2 days)</source>
        <translation>%1 小时（%2 天）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="48"/>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="53"/>
        <source>City mass work department (city information centre)</source>
        <translation>市群众工作部（市信息中心）</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="58"/>
        <source>escalated</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="60"/>
        <source>escalated by the system (deadline missed)</source>
        <translation>超时由系统自动上报</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="62"/>
        <source>still held</source>
        <translation>仍在本级</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="77"/>
        <source>Responsibility trace</source>
        <translation>责任倒查</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="81"/>
        <source>Case %1 · %2 · %3 %4 · severity: %5 · status: %6</source>
        <translation>案件 %1 · %2 · %3 %4 · 等级：%5 · 状态：%6</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="94"/>
        <source>Reported %1; traced %2. Deadlines missed: %3; supervision orders missed: %4; escalations by the system: %5.</source>
        <translation>上报于 %1，倒查于 %2。超出办理时限 %3 次；督办逾期 %4 件；超时自动上报 %5 次。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="106"/>
        <source>Who held the case</source>
        <translation>案件持有情况</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="110"/>
        <source>met</source>
        <translation>按期</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="127"/>
        <location filename="../../ui/cases/trace_dialog.py" line="180"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="128"/>
        <source>Unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="129"/>
        <source>Handled by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="130"/>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="131"/>
        <source>Until</source>
        <translation>止</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="132"/>
        <source>Held for</source>
        <translation>持有时长</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="133"/>
        <location filename="../../ui/cases/trace_dialog.py" line="164"/>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="134"/>
        <source>Overdue by</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="135"/>
        <source>Ended</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="140"/>
        <source>Supervision orders</source>
        <translation>督办情况</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="144"/>
        <source>not answered</source>
        <translation>未答复</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="145"/>
        <source>in time</source>
        <translation>按期</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="160"/>
        <source>Issued</source>
        <translation>下发时间</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="161"/>
        <source>Issuer</source>
        <translation>签发人</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="162"/>
        <source>To</source>
        <translation>被督办单位</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="163"/>
        <source>Instruction</source>
        <translation>督办意见</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="165"/>
        <source>Answered</source>
        <translation>答复时间</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="166"/>
        <source>Late by</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="172"/>
        <source>No supervision order was issued on this case.</source>
        <translation>该案件未下发督办。</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="173"/>
        <source>Audit trail</source>
        <translation>操作记录</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="177"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="178"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="179"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="181"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="210"/>
        <source>Responsibility trace %1</source>
        <translation>责任倒查 %1</translation>
    </message>
</context>
<context>
    <name>TraceDialog</name>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="243"/>
        <source>Responsibility trace</source>
        <translation>责任倒查</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="249"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="253"/>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="256"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="284"/>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/cases/trace_dialog.py" line="284"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../ui/users_pane.py" line="73"/>
        <source>The database server refused: your login lacks the right to manage users (only an administrator of this database may; see “python main.py db init-server”). (%1)</source>
        <translation>数据库服务器拒绝了此操作：您的登录角色没有管理用户的权限（只有本数据库的系统管理员可以管理用户，参见“python main.py db init-server”）。（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="80"/>
        <source>The change failed: %1</source>
        <translation>修改失败：%1</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="362"/>
        <source>Users and logins</source>
        <translation>用户与登录</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="377"/>
        <source>Filter by user name, name, role, town or department</source>
        <translation>按用户名、姓名、角色、镇街或部门筛选</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="380"/>
        <source>New user…</source>
        <translation>新增用户…</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="381"/>
        <location filename="../../ui/users_pane.py" line="596"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="382"/>
        <source>Enable…</source>
        <translation>启用…</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="383"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="396"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="397"/>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="398"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="399"/>
        <source>Town / department</source>
        <translation>镇街 / 部门</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="400"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="401"/>
        <source>Login</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="422"/>
        <source>Each user is a login of the central database; a disabled user cannot log in and their open sessions are ended. Their cases and history stay.</source>
        <translation>每个用户都是中心数据库的一个登录角色；停用后该用户无法登录，已打开的会话会被结束。其案件和历史记录保留。</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="427"/>
        <source>Embedded database: users have no logins or passwords here; the program acts as the user chosen when it starts. Disabled users cannot be chosen.</source>
        <translation>嵌入式数据库：这里的用户没有登录角色和密码，程序以启动时选择的用户身份工作。已停用的用户不能被选择。</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="441"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="454"/>
        <source>Loading users…</source>
        <translation>正在加载用户…</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="466"/>
        <source>%1 users, %2 active.</source>
        <translation>共 %1 个用户，%2 个启用。</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="488"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="488"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="506"/>
        <source>Works</source>
        <translation>可登录</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="506"/>
        <location filename="../../ui/users_pane.py" line="507"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="507"/>
        <source>No login</source>
        <translation>无登录角色</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="568"/>
        <source>User “%1” created.</source>
        <translation>已创建用户“%1”。</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="578"/>
        <source>You cannot disable your own account: ask another administrator.</source>
        <translation>不能停用自己的账号，请由其他管理员操作。</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="584"/>
        <source>Disable user</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="589"/>
        <source>Disable “%1” (%2)? They can no longer log in and their open sessions are ended. Their cases and history stay.</source>
        <translation>停用“%1”（%2）？停用后该用户无法再登录，已打开的会话会被结束。其案件和历史记录保留。</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="597"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="613"/>
        <source>User “%1” disabled.</source>
        <translation>已停用用户“%1”。</translation>
    </message>
    <message>
        <location filename="../../ui/users_pane.py" line="632"/>
        <source>User “%1” enabled.</source>
        <translation>已启用用户“%1”。</translation>
    </message>
</context>
<context>
    <name>VillageWork</name>
    <message>
        <location filename="../../ui/villagework/common.py" line="48"/>
        <source>Three days in one</source>
        <translation>三日合一</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="49"/>
        <source>Mass work day</source>
        <translation>群众工作日</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="50"/>
        <source>Democratic deliberation day</source>
        <translation>民主议事日</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="51"/>
        <source>Village affairs openness day</source>
        <translation>村务公开日</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="57"/>
        <source>Leader&apos;s reception day</source>
        <translation>领导接访</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="58"/>
        <source>Leader&apos;s appointment</source>
        <translation>领导约访</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="64"/>
        <source>Planned</source>
        <translation>待举行</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="65"/>
        <source>Held</source>
        <translation>已举行</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="66"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="67"/>
        <source>Received</source>
        <translation>已接访</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="73"/>
        <source>Land acquisition</source>
        <translation>土地征收</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="74"/>
        <source>Demolition</source>
        <translation>房屋拆迁</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="75"/>
        <source>Factory project</source>
        <translation>工业项目建设</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="76"/>
        <source>Old town renewal</source>
        <translation>旧城改造</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="77"/>
        <source>Enterprise restructuring</source>
        <translation>企业改制</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="78"/>
        <source>Other project</source>
        <translation>其他项目</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="84"/>
        <source>Public notice and hearing</source>
        <translation>公示听证</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="85"/>
        <source>Expert consultation</source>
        <translation>专家咨询</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="86"/>
        <source>Survey and forum</source>
        <translation>问卷调查与座谈</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="92"/>
        <source>Not assessed</source>
        <translation>未定级</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="94"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="95"/>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="96"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="102"/>
        <source>Under assessment</source>
        <translation>评估中</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="104"/>
        <source>Implement</source>
        <translation>准予实施</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="105"/>
        <source>Implement with measures</source>
        <translation>采取措施后实施</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="106"/>
        <source>Postpone</source>
        <translation>暂缓实施</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="107"/>
        <source>Halt the project</source>
        <translation>停止实施</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="113"/>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="114"/>
        <source>In progress</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="115"/>
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="116"/>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="122"/>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="123"/>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="124"/>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="125"/>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="126"/>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="127"/>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="128"/>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
</context>
<context>
    <name>VillageWorkForms</name>
    <message>
        <location filename="../../ui/villagework/common.py" line="287"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="295"/>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/common.py" line="313"/>
        <source>(whole town)</source>
        <translation>（全镇）</translation>
    </message>
</context>
<context>
    <name>VillageWorkPane</name>
    <message>
        <location filename="../../ui/villagework/pane.py" line="80"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/pane.py" line="91"/>
        <source>Village days</source>
        <translation>三日合一与接访</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/pane.py" line="92"/>
        <source>Risk assessments</source>
        <translation>稳定风险评估</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/pane.py" line="93"/>
        <source>Errands</source>
        <translation>代办服务</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/pane.py" line="100"/>
        <source>Your role may only read village work.</source>
        <translation>您的角色只能查看，不能登记或修改。</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/pane.py" line="170"/>
        <source>All towns</source>
        <translation>全部镇街</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/pane.py" line="126"/>
        <source>Could not read: %1</source>
        <translation>读取失败：%1</translation>
    </message>
    <message>
        <location filename="../../ui/villagework/pane.py" line="114"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>WorkForm</name>
    <message>
        <location filename="../../ui/villagework/common.py" line="195"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>WorkerDialog</name>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="101"/>
        <source>New worker</source>
        <translation>新增队员</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="101"/>
        <source>Edit or move a worker</source>
        <translation>编辑或调动队员</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="99"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="109"/>
        <source>mobile, 11 digits</source>
        <translation>手机号，11 位</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="118"/>
        <source>why (kept in the change log)</source>
        <translation>原因（记入变更记录）</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="126"/>
        <source>Staff number:</source>
        <translation>工号：</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="127"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="128"/>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="129"/>
        <source>Device id:</source>
        <translation>设备号：</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="130"/>
        <source>Town:</source>
        <translation>镇街：</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="131"/>
        <source>Grid:</source>
        <translation>网格：</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="132"/>
        <source>Squad:</source>
        <translation>中队：</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="133"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location filename="../../ui/city_admin_pane.py" line="149"/>
        <source>Choose a grid and a squad.</source>
        <translation>请选择网格和中队。</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <location filename="../../ui/live/workers_pane.py" line="40"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/live/workers_pane.py" line="41"/>
        <source>stale</source>
        <translation>信号延迟</translation>
    </message>
    <message>
        <location filename="../../ui/live/workers_pane.py" line="42"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../ui/live/workers_pane.py" line="49"/>
        <source>never</source>
        <translation>从未定位</translation>
    </message>
    <message>
        <location filename="../../ui/live/workers_pane.py" line="52"/>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <location filename="../../ui/live/workers_pane.py" line="54"/>
        <source>%1 min ago</source>
        <translation>%1分钟前</translation>
    </message>
    <message>
        <location filename="../../ui/live/workers_pane.py" line="56"/>
        <source>%1 h ago</source>
        <translation>%1小时前</translation>
    </message>
</context>
<context>
    <name>WorkersPane</name>
    <message>
        <location filename="../../ui/live/workers_pane.py" line="91"/>
        <source>Search name, pinyin initials or phone</source>
        <translation>搜索姓名、拼音首字母或电话</translation>
    </message>
    <message>
        <location filename="../../ui/live/workers_pane.py" line="96"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/live/workers_pane.py" line="110"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/live/workers_pane.py" line="111"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/live/workers_pane.py" line="112"/>
        <source>Last seen</source>
        <translation>最后定位</translation>
    </message>
    <message>
        <location filename="../../ui/live/workers_pane.py" line="113"/>
        <source>Town / grid</source>
        <translation>镇街 / 网格</translation>
    </message>
    <message>
        <location filename="../../ui/live/workers_pane.py" line="114"/>
        <source>Battery</source>
        <translation>电量</translation>
    </message>
    <message>
        <location filename="../../ui/live/workers_pane.py" line="115"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/live/workers_pane.py" line="170"/>
        <source>The worker list could not be read: %1</source>
        <translation>无法读取群工队员列表：%1</translation>
    </message>
    <message>
        <location filename="../../ui/live/workers_pane.py" line="177"/>
        <source>Online %1 · stale %2 · offline %3</source>
        <translation>在线 %1 · 信号延迟 %2 · 离线 %3</translation>
    </message>
    <message>
        <location filename="../../ui/live/workers_pane.py" line="181"/>
        <source>(first %1 of %2 shown: search to narrow)</source>
        <translation>（仅显示前 %1 人，共 %2 人，可搜索缩小范围）</translation>
    </message>
</context>
</TS>
