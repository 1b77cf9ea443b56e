<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddToConfigPanel</name>
    <message>
        <source>Pick a value above to add it to the line config</source>
        <translation>在上方选择一个值以将其添加到产线配置</translation>
    </message>
    <message>
        <source>line config file (TOML)</source>
        <translation>产线配置文件（TOML）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Config file</source>
        <translation>配置文件</translation>
    </message>
    <message>
        <source>station.name_unit, e.g. dry_room.dew_point_c</source>
        <translation>工位.名称_单位，例如 dry_room.dew_point_c</translation>
    </message>
    <message>
        <source>writable</source>
        <translation>可写</translation>
    </message>
    <message>
        <source>Add to line config</source>
        <translation>添加到产线配置</translation>
    </message>
    <message>
        <source>Tag id</source>
        <translation>变量 ID</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Line config</source>
        <translation>产线配置</translation>
    </message>
    <message>
        <source>Line config (*.toml)</source>
        <translation>产线配置（*.toml）</translation>
    </message>
    <message>
        <source>{0} (fix it first: `lineside config check {1}`)</source>
        <translation>{0}（请先修正：`lineside config check {1}`）</translation>
    </message>
    <message>
        <source>{0} has no {1} connection: add one first</source>
        <translation>{0} 中没有 {1} 连接：请先添加一个</translation>
    </message>
    <message>
        <source>Add to the line config</source>
        <translation>添加到产线配置</translation>
    </message>
    <message>
        <source>choose the line config file to add the tag to</source>
        <translation>请选择要添加变量的产线配置文件</translation>
    </message>
    <message>
        <source>name the tag: station.name_unit (the station must exist in the file)</source>
        <translation>请为变量命名：工位.名称_单位（该工位必须已在文件中）</translation>
    </message>
    <message>
        <source>not added: {0}: {1}</source>
        <translation>未添加：{0}：{1}</translation>
    </message>
    <message>
        <source>{0} added to {1} (checked: {2} tags)</source>
        <translation>{0} 已添加到 {1}（已检查：{2} 个变量）</translation>
    </message>
</context>
<context>
    <name>AgeHistogram</name>
    <message>
        <source>no values yet</source>
        <translation>尚无数值</translation>
    </message>
</context>
<context>
    <name>AlarmBanner</name>
    <message>
        <source>Alarm banner: touch to open the alarm list</source>
        <translation>报警横幅：点击打开报警列表</translation>
    </message>
    <message>
        <source>No unacknowledged alarms</source>
        <translation>无未确认报警</translation>
    </message>
    <message numerus="yes">
        <source>{0}; %n active, acknowledged</source>
        <translation>
            <numerusform>{0}；%n 个活动，已确认</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlarmHistoryScreen</name>
    <message>
        <source>Journal</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>KPIs per console</source>
        <translation>各操作台 KPI</translation>
    </message>
</context>
<context>
    <name>AlarmJournalView</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Pri</source>
        <comment>priority</comment>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>报警</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工位</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>操作台</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>text in alarm, user or reason</source>
        <translation>报警、用户或原因中的文字</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>键盘</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message numerus="yes">
        <source>%n journal entries, newest first</source>
        <translation>
            <numerusform>%n 条日志记录，最新在前</numerusform>
        </translation>
    </message>
    <message>
        <source>(the first {0})</source>
        <translation>（前 {0} 条）</translation>
    </message>
    <message>
        <source>(engine)</source>
        <translation>（报警系统）</translation>
    </message>
</context>
<context>
    <name>AlarmKpiView</name>
    <message>
        <source>Alarms per 10 min (average)</source>
        <translation>每 10 分钟报警数（平均）</translation>
    </message>
    <message>
        <source>Alarms per day (average)</source>
        <translation>每天报警数（平均）</translation>
    </message>
    <message>
        <source>Peak alarms in one hour</source>
        <translation>单小时报警峰值</translation>
    </message>
    <message>
        <source>10-min intervals in flood</source>
        <translation>处于报警泛滥的 10 分钟区间</translation>
    </message>
    <message>
        <source>Chattering alarms (≥3 in 60 s)</source>
        <translation>振荡报警（60 s 内 ≥3 次）</translation>
    </message>
    <message>
        <source>Stale alarms (active &gt; 24 h)</source>
        <translation>陈旧报警（激活 &gt; 24 h）</translation>
    </message>
    <message>
        <source>Share priority 1-2</source>
        <translation>优先级 1-2 占比</translation>
    </message>
    <message>
        <source>Share priority 3</source>
        <translation>优先级 3 占比</translation>
    </message>
    <message>
        <source>Share priority 4</source>
        <translation>优先级 4 占比</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>操作台</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Target (DOMAIN 3.2)</source>
        <translation>目标（DOMAIN 3.2）</translation>
    </message>
    <message>
        <source>Alarms per 10 min</source>
        <translation>每 10 分钟报警数</translation>
    </message>
    <message>
        <source>Priority distribution (% of alarms)</source>
        <translation>优先级分布（报警占比 %）</translation>
    </message>
    <message>
        <source>Top 10 bad actors</source>
        <translation>报警次数最多的前 10 项</translation>
    </message>
    <message>
        <source>target 1</source>
        <translation>目标 1</translation>
    </message>
    <message>
        <source>flood &gt; {0}</source>
        <translation>泛滥 &gt; {0}</translation>
    </message>
    <message>
        <source>peak target 15/h</source>
        <translation>峰值目标 15/h</translation>
    </message>
    <message>
        <source>Alarms per hour</source>
        <translation>每小时报警数</translation>
    </message>
    <message>
        <source>no alarms</source>
        <translation>无报警</translation>
    </message>
    <message>
        <source>no annunciated alarms in the period</source>
        <translation>该时段内无已通报的报警</translation>
    </message>
    <message>
        <source>Console {0}: no annunciated alarm and no stale alarm in the period.</source>
        <translation>操作台 {0}：该时段内无已通报的报警，也无陈旧报警。</translation>
    </message>
    <message numerus="yes">
        <source>%n flood(s), longest {0} min</source>
        <translation>
            <numerusform>%n 次报警泛滥，最长 {0} 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>no flood</source>
        <translation>无报警泛滥</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message numerus="yes">
        <source>Console {0}: %n alarm(s), {1}. Chattering: {2}. Stale: {3}.</source>
        <translation>
            <numerusform>操作台 {0}：%n 条报警，{1}。振荡：{2}。陈旧：{3}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Less than 30 days of data: the rates are indicative only.</source>
        <translation>数据不足 30 天：比率仅供参考。</translation>
    </message>
    <message>
        <source>✓ met</source>
        <translation>✓ 达标</translation>
    </message>
    <message>
        <source>✗ NOT MET</source>
        <translation>✗ 未达标</translation>
    </message>
</context>
<context>
    <name>AlarmMessages</name>
    <message>
        <source>alarm {alarm} may be shelved for at most {hours} h ({seconds} s): choose a shorter time</source>
        <translation>报警 {alarm} 最多可搁置 {hours} 小时（{seconds} 秒）：请选择更短的时间</translation>
    </message>
    <message>
        <source>shelving alarm {alarm} needs a reason: say why</source>
        <translation>搁置报警 {alarm} 需要原因：请说明原因</translation>
    </message>
    <message>
        <source>taking alarm {alarm} out of service needs a reason: say why</source>
        <translation>停用报警 {alarm} 需要原因：请说明原因</translation>
    </message>
    <message>
        <source>no alarm {alarms} in this line&apos;s config</source>
        <translation>本产线配置中没有报警 {alarms}</translation>
    </message>
    <message>
        <source>alarm actions need the command service: none is wired</source>
        <translation>报警操作需要命令服务：当前未连接</translation>
    </message>
    <message>
        <source>one-shot shelve ended: the alarm returned to normal</source>
        <translation>单次搁置已结束：报警已恢复正常</translation>
    </message>
    <message>
        <source>one_shot shelve expired at its time limit</source>
        <translation>单次搁置已达时限而到期</translation>
    </message>
    <message>
        <source>timed shelve expired at its time limit</source>
        <translation>定时搁置已达时限而到期</translation>
    </message>
</context>
<context>
    <name>AlarmScreen</name>
    <message>
        <source>Active</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Shelved</source>
        <translation>已搁置</translation>
    </message>
    <message>
        <source>Suppressed</source>
        <translation>已抑制</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>reset</source>
        <comment>alarms were reset</comment>
        <translation>已复位</translation>
    </message>
    <message>
        <source>shelved</source>
        <translation>已搁置</translation>
    </message>
    <message>
        <source>unshelved</source>
        <translation>已取消搁置</translation>
    </message>
    <message>
        <source>taken out of service</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>returned to service</source>
        <translation>已恢复使用</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Ack page</source>
        <translation>确认本页</translation>
    </message>
    <message>
        <source>Reset</source>
        <comment>reset a latched alarm</comment>
        <translation>复位</translation>
    </message>
    <message>
        <source>Shelve…</source>
        <translation>搁置…</translation>
    </message>
    <message>
        <source>Unshelve…</source>
        <translation>取消搁置…</translation>
    </message>
    <message>
        <source>Out of service…</source>
        <translation>停用…</translation>
    </message>
    <message>
        <source>Return to service…</source>
        <translation>恢复使用…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复运行…</translation>
    </message>
    <message>
        <source>Go to station</source>
        <translation>转到工位</translation>
    </message>
    <message>
        <source>Touch an alarm to see its cause and what to do.</source>
        <translation>点击一条报警，查看原因和处理方法。</translation>
    </message>
    <message>
        <source>FIRST OUT</source>
        <translation>首发报警</translation>
    </message>
    <message>
        <source>{0} at {1}</source>
        <comment>alarm id at station</comment>
        <translation>{0}，位于 {1}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cause:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;原因：&lt;/b&gt;{0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Consequence:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;后果：&lt;/b&gt;{0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Action:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;处理：&lt;/b&gt;{0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Respond within:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;响应时限：&lt;/b&gt;{0}</translation>
    </message>
    <message>
        <source>Shelved by {0} until {1}: {2}</source>
        <translation>由 {0} 搁置至 {1}：{2}</translation>
    </message>
    <message>
        <source>Out of service by {0} since {1}: {2}</source>
        <translation>由 {0} 自 {1} 起停用：{2}</translation>
    </message>
    <message>
        <source>Restore procedure: {0}</source>
        <translation>恢复程序：{0}</translation>
    </message>
    <message>
        <source>Shelve {0} (at most {1}): why, and for how long?</source>
        <translation>搁置 {0}（最长 {1}）：原因和时长？</translation>
    </message>
    <message>
        <source>Shelve</source>
        <translation>搁置</translation>
    </message>
    <message>
        <source>Unshelve {0}: why?</source>
        <translation>取消搁置 {0}：原因？</translation>
    </message>
    <message>
        <source>Unshelve</source>
        <translation>取消搁置</translation>
    </message>
    <message>
        <source>Out of service: {0}. Why (permit)?</source>
        <translation>停用：{0}。原因（许可证）？</translation>
    </message>
    <message>
        <source>Return {0} to service: why?</source>
        <translation>恢复使用 {0}：原因？</translation>
    </message>
    <message>
        <source>Return to service</source>
        <translation>恢复使用</translation>
    </message>
    <message numerus="yes">
        <source>✓ %n alarm(s) {0}</source>
        <translation>
            <numerusform>✓ %n 个报警{0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to do: no alarm there needed it</source>
        <translation>无需操作：那里没有需要处理的报警</translation>
    </message>
    <message>
        <source>✓ {0} ({1}) {2}</source>
        <translation>✓ {0}（{1}）{2}</translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message>
        <source>Last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <source>{0} of {1} entries in the last hour</source>
        <translation>最近 1 小时：{1} 个条目中的 {0} 个</translation>
    </message>
    <message>
        <source>8 h</source>
        <translation>8 小时</translation>
    </message>
    <message>
        <source>{0} of {1} entries in the last 8 h</source>
        <translation>最近 8 小时：{1} 个条目中的 {0} 个</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 小时</translation>
    </message>
    <message>
        <source>{0} of {1} entries in the last 24 h</source>
        <translation>最近 24 小时：{1} 个条目中的 {0} 个</translation>
    </message>
    <message>
        <source>7 d</source>
        <translation>7 天</translation>
    </message>
    <message>
        <source>{0} of {1} entries in the last 7 days</source>
        <translation>最近 7 天：{1} 个条目中的 {0} 个</translation>
    </message>
    <message>
        <source>30 d</source>
        <translation>30 天</translation>
    </message>
    <message>
        <source>{0} of {1} entries in the last 30 days</source>
        <translation>最近 30 天：{1} 个条目中的 {0} 个</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>{0} of {1} entries in the whole trail</source>
        <translation>整个审计追踪：{1} 个条目中的 {0} 个</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>All objects</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>校验链</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>Verify chain: checks every entry&apos;s hash against the one before it (a changed, deleted or inserted entry shows).</source>
        <translation>校验链：逐条核对每个条目的哈希与前一条目（被修改、删除或插入的条目会被发现）。</translation>
    </message>
    <message>
        <source>Export CSV saves the rows shown in {0}</source>
        <translation>导出 CSV：将显示的行保存到 {0}</translation>
    </message>
    <message>
        <source>Verifying every entry of the audit trail…</source>
        <translation>正在校验审计追踪的每个条目…</translation>
    </message>
    <message numerus="yes">
        <source>Writing %n entries to {0}…</source>
        <translation>
            <numerusform>正在将 %n 个条目写入 {0}…</numerusform>
        </translation>
    </message>
    <message>
        <source>Touch a row to read the whole entry here.</source>
        <translation>点击一行，在此阅读完整条目。</translation>
    </message>
    <message>
        <source>The audit trail could not be read: {0}</source>
        <translation>无法读取审计追踪：{0}</translation>
    </message>
    <message numerus="yes">
        <source>Audit trail intact: %n entries, each matches its hash (head {0}); checked {1} UTC</source>
        <translation>
            <numerusform>审计追踪完好：%n 个条目，均与其哈希一致（链头 {0}）；校验时间 {1} UTC</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Audit trail BROKEN at entry {0}: {1}. %n entries before it verify. Keep this record; tell QA.</source>
        <translation>
            <numerusform>审计追踪在条目 {0} 处断裂：{1}。此前 %n 个条目校验通过。请保留此记录并通知质量部门。</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit trail could not be verified: {0}</source>
        <translation>无法校验审计追踪：{0}</translation>
    </message>
    <message>
        <source>{0} not written: {1}. Check the folder exists and is writable.</source>
        <translation>{0} 未写入：{1}。请检查文件夹是否存在且可写。</translation>
    </message>
    <message numerus="yes">
        <source>%n entries written to {0}</source>
        <translation>
            <numerusform>已将 %n 个条目写入 {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation>未加载</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>old</source>
        <comment>value before</comment>
        <translation>原值</translation>
    </message>
    <message>
        <source>sent</source>
        <comment>value written</comment>
        <translation>发送值</translation>
    </message>
    <message>
        <source>read back</source>
        <comment>value read back</comment>
        <translation>回读值</translation>
    </message>
    <message>
        <source>reason: {0}</source>
        <translation>原因：{0}</translation>
    </message>
    <message>
        <source>at {0}</source>
        <comment>at a panel/host</comment>
        <translation>于 {0}</translation>
    </message>
    <message>
        <source>signature #{0}</source>
        <translation>签名 #{0}</translation>
    </message>
    <message>
        <source>UTC time</source>
        <translation>时间 (UTC)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Old</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发送值</translation>
    </message>
    <message>
        <source>Read back</source>
        <translation>回读值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
</context>
<context>
    <name>ChangeoverChecklistPage</name>
    <message>
        <source>Run the automatic checks</source>
        <translation>运行自动检查</translation>
    </message>
    <message>
        <source>Confirm the selected item</source>
        <translation>确认所选项</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>⌨ Keyboard</source>
        <translation>⌨ 键盘</translation>
    </message>
    <message>
        <source>SPC</source>
        <translation>SPC</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>{0} {1} ({2}, {3} by {4})</source>
        <translation>{0} {1}（{2}，{3}，由 {4}）</translation>
    </message>
    <message>
        <source>{0} {1} ({2}, {3})</source>
        <translation>{0} {1}（{2}，{3}）</translation>
    </message>
</context>
<context>
    <name>ChangeoverChoosePage</name>
    <message>
        <source>Resume it</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Roll it back</source>
        <translation>回滚</translation>
    </message>
    <message>
        <source>Trial run (lot held)</source>
        <translation>试运行（批次冻结）</translation>
    </message>
    <message>
        <source>⚠ TRIAL: not an Effective recipe version. The lot of this changeover is held until QA releases it.</source>
        <translation>⚠ 试运行：不是生效的配方版本。本次换型的批次将被冻结，直到质量部门放行。</translation>
    </message>
    <message>
        <source>Active changeover: variances and lot hold</source>
        <translation>当前换型：偏差与批次冻结</translation>
    </message>
    <message>
        <source>Start changeover</source>
        <translation>开始换型</translation>
    </message>
    <message>
        <source>Lot id</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>⌨ Keyboard</source>
        <translation>⌨ 键盘</translation>
    </message>
    <message>
        <source>Draft and Approved versions, for a trial:</source>
        <translation>草稿和已批准版本，用于试运行：</translation>
    </message>
    <message>
        <source>Effective recipe versions (only these run in production):</source>
        <translation>生效的配方版本（只有这些可用于生产）：</translation>
    </message>
    <message numerus="yes">
        <source>{0} v{1} ({2}, {3}; %n parameter(s))</source>
        <translation>
            <numerusform>{0} v{1}（{2}，{3}；%n 个参数）</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}: cached at {1} (plant database offline)</source>
        <translation>{0}：缓存于 {1}（工厂数据库离线）</translation>
    </message>
    <message>
        <source>No Effective recipe version yet: an engineer imports and submits one, QA approves and releases it on the Recipes screen.</source>
        <translation>尚无生效的配方版本：由工程师导入并提交，质量部门在配方画面批准并放行。</translation>
    </message>
    <message>
        <source>Active: {0} v{1}, lot {2} (TRIAL)</source>
        <translation>当前：{0} v{1}，批次 {2}（试运行）</translation>
    </message>
    <message>
        <source>Active: {0} v{1}, lot {2}</source>
        <translation>当前：{0} v{1}，批次 {2}</translation>
    </message>
    <message>
        <source>Active: {0} v{1}, lot {2}, released {3} (TRIAL)</source>
        <translation>当前：{0} v{1}，批次 {2}，放行于 {3}（试运行）</translation>
    </message>
    <message>
        <source>Active: {0} v{1}, lot {2}, released {3}</source>
        <translation>当前：{0} v{1}，批次 {2}，放行于 {3}</translation>
    </message>
    <message>
        <source>⚠ Interrupted changeover: {0} v{1}, lot {2}, stopped at &apos;{3}&apos; ({4}). {5}</source>
        <translation>⚠ 换型被中断：{0} v{1}，批次 {2}，停在“{3}”（{4}）。{5}</translation>
    </message>
</context>
<context>
    <name>ChangeoverDownloadPage</name>
    <message>
        <source>{0} v{1}, lot {2}: {3} — {4}</source>
        <translation>{0} v{1}，批次 {2}：{3} — {4}</translation>
    </message>
    <message>
        <source>{0} v{1}, lot {2}: {3}</source>
        <translation>{0} v{1}，批次 {2}：{3}</translation>
    </message>
</context>
<context>
    <name>ChangeoverEngine</name>
    <message>
        <source>a changeover needs a lot id: enter the lot to produce</source>
        <translation>换型需要批次号：请输入要生产的批次</translation>
    </message>
    <message>
        <source>resumed at {state} (what the PLC held: {holds})</source>
        <translation>在 {state} 处继续（PLC 当时保持的内容：{holds}）</translation>
    </message>
    <message>
        <source>pre-checks failed; nothing was written</source>
        <translation>预检查未通过；未写入任何内容</translation>
    </message>
    <message>
        <source>pre-checks passed</source>
        <translation>预检查已通过</translation>
    </message>
    <message>
        <source>no snapshot; nothing written</source>
        <translation>无快照；未写入任何内容</translation>
    </message>
    <message>
        <source>PLC link failed: {why}</source>
        <translation>PLC 连接故障：{why}</translation>
    </message>
    <message>
        <source>cannot read the values to roll back to: {why}</source>
        <translation>无法读取回滚所需的值：{why}</translation>
    </message>
    <message>
        <source>download failed: {why}</source>
        <translation>下载失败：{why}</translation>
    </message>
    <message>
        <source>read-back verification failed: {why}</source>
        <translation>回读校验失败：{why}</translation>
    </message>
    <message>
        <source>stopped before anything was written</source>
        <translation>在写入任何内容之前已停止</translation>
    </message>
    <message>
        <source>rolling back: {reason}</source>
        <translation>正在回滚：{reason}</translation>
    </message>
    <message>
        <source>rolled back: the PLC holds the snapshot values again (all {count} read back, attempt {attempt})</source>
        <translation>已回滚：PLC 已恢复为快照值（全部 {count} 个已回读，第 {attempt} 次尝试）</translation>
    </message>
    <message>
        <source>rollback could not be verified after {attempt} attempts: {problems}; check the PLC by hand</source>
        <translation>经过 {attempt} 次尝试仍无法确认回滚：{problems}；请手动检查 PLC</translation>
    </message>
    <message>
        <source>{reason}; rollback failed: {problems}</source>
        <translation>{reason}；回滚失败：{problems}</translation>
    </message>
    <message>
        <source>rollback attempt {attempt} failed ({problems}); trying again</source>
        <translation>第 {attempt} 次回滚尝试失败（{problems}）；正在重试</translation>
    </message>
    <message>
        <source>first article failed: {why}</source>
        <translation>首件未通过：{why}</translation>
    </message>
    <message>
        <source>{seen}, held {hold:g} s</source>
        <translation>{seen}，保持 {hold:g} 秒</translation>
    </message>
    <message>
        <source>checklist failed: {why}</source>
        <translation>检查清单未通过：{why}</translation>
    </message>
    <message>
        <source>{item} is no manual item of this changeover</source>
        <translation>{item} 不是本次换型的人工检查项</translation>
    </message>
    <message>
        <source>{item}: say what you checked in the note</source>
        <translation>{item}：请在备注中写明检查了什么</translation>
    </message>
    <message>
        <source>the {signature} signature means {means}</source>
        <translation>“{signature}”签名的含义是 {means}</translation>
    </message>
    <message>
        <source>{user}&apos;s signature is over another record ({hash}…); sign this control recipe</source>
        <translation>{user} 的签名针对的是另一条记录（{hash}…）；请签署本控制配方</translation>
    </message>
    <message>
        <source>{user} cannot both perform and verify; a second person (Lead or QA) must verify</source>
        <translation>{user} 不能既执行又核验；须由第二人（班组长或质量部门）核验</translation>
    </message>
    <message>
        <source>changeover {id} is {state}, not {expected}</source>
        <translation>换型 {id} 的状态是{state}，而不是{expected}</translation>
    </message>
    <message>
        <source>{version} changed since the changeover began</source>
        <translation>{version} 在换型开始后已被更改</translation>
    </message>
    <message>
        <source>{applied} of {total} parameters applied at the PLC</source>
        <translation>{total} 个参数中已有 {applied} 个在 PLC 中生效</translation>
    </message>
    <message>
        <source>{count} sent to the recipe mailbox, not committed (the PLC still runs on their snapshot values)</source>
        <translation>{count} 个已发送到配方邮箱但未提交（PLC 仍按其快照值运行）</translation>
    </message>
    <message>
        <source>{count} with a write in flight (outcome unknown: read them)</source>
        <translation>{count} 个写入进行中（结果未知：请读取）</translation>
    </message>
    <message>
        <source>{count} restored to the snapshot</source>
        <translation>{count} 个已恢复为快照值</translation>
    </message>
    <message>
        <source>{count} never sent (at their snapshot values)</source>
        <translation>{count} 个从未发送（保持快照值）</translation>
    </message>
    <message>
        <source>no changeover {id}</source>
        <translation>没有换型 {id}</translation>
    </message>
    <message>
        <source>performed-by</source>
        <translation>执行人</translation>
    </message>
    <message>
        <source>verified-by</source>
        <translation>核验人</translation>
    </message>
    <message>
        <source>performed by</source>
        <translation>“执行人”签名</translation>
    </message>
    <message>
        <source>verified by</source>
        <translation>“核验人”签名</translation>
    </message>
    <message>
        <source>{user} signs as {role}; {signature} needs {first}</source>
        <translation>{user} 以{role}身份签名；{signature}需要{first}</translation>
    </message>
    <message>
        <source>{user} signs as {role}; {signature} needs {first} or {second}</source>
        <translation>{user} 以{role}身份签名；{signature}需要{first}或{second}</translation>
    </message>
    <message>
        <source>{user} signs as {role}; {signature} needs {first} or {second} or {third}</source>
        <translation>{user} 以{role}身份签名；{signature}需要{first}、{second}或{third}</translation>
    </message>
    <message>
        <source>{user} signs as {role}; {signature} needs one of {roles}</source>
        <translation>{user} 以{role}身份签名；{signature}需要以下角色之一：{roles}</translation>
    </message>
    <message>
        <source>{recipe} v{version} changed since it was loaded; load it again</source>
        <translation>{recipe} v{version} 在载入后已被更改；请重新载入</translation>
    </message>
    <message>
        <source>this changeover may not be released: roll it back</source>
        <translation>本次换型不得放行：请回滚</translation>
    </message>
    <message>
        <source>the changeover was not started</source>
        <translation>换型未启动</translation>
    </message>
    <message>
        <source>{recipe} v{version} was made {status} on the plant database; {what}</source>
        <translation>{recipe} v{version} 已在工厂数据库中被设为{status}；{what}</translation>
    </message>
    <message>
        <source>{recipe} v{version} was made {status} by {user} at {at} ({reason}) on the plant database; {what}</source>
        <translation>{recipe} v{version} 已由 {user} 于 {at}（{reason}）在工厂数据库中设为{status}；{what}</translation>
    </message>
    <message>
        <source>download handshake refused: {why}</source>
        <translation>下载握手被拒绝：{why}</translation>
    </message>
    <message>
        <source>commit refused: {why}</source>
        <translation>提交被拒绝：{why}</translation>
    </message>
    <message>
        <source>{tag}: could not be read back ({why})</source>
        <translation>{tag}：无法回读（{why}）</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>无应答</translation>
    </message>
    <message>
        <source>{tag}: sent {sent}, the PLC holds {held} (tolerance {tolerance:g})</source>
        <translation>{tag}：已发送 {sent}，PLC 保持 {held}（公差 {tolerance:g}）</translation>
    </message>
    <message>
        <source>{tag}: sent {sent}, the PLC holds {held}</source>
        <translation>{tag}：已发送 {sent}，PLC 保持 {held}</translation>
    </message>
</context>
<context>
    <name>ChangeoverPrecheck</name>
    <message>
        <source>{station} is in an unknown state: stop it first (a changeover needs {allowed})</source>
        <translation>{station} 状态未知：请先停止（换型需要 {allowed}）</translation>
    </message>
    <message>
        <source>{station} is {state}: stop it first (a changeover needs {allowed})</source>
        <translation>{station} 处于 {state}：请先停止（换型需要 {allowed}）</translation>
    </message>
    <message>
        <source>{station}: lot {lot} is still open; close it first</source>
        <translation>{station}：批次 {lot} 仍未关闭；请先关闭</translation>
    </message>
    <message>
        <source>active high-priority alarm: {alarm}</source>
        <translation>高优先级报警处于激活状态：{alarm}</translation>
    </message>
    <message>
        <source>dew point {tag} cannot be read ({why})</source>
        <translation>无法读取露点 {tag}（{why}）</translation>
    </message>
    <message>
        <source>dew point {tag} is {value} °C, above the {max} °C these stations need</source>
        <translation>露点 {tag} 为 {value} °C，高于这些工位要求的 {max} °C</translation>
    </message>
</context>
<context>
    <name>ChangeoverResult</name>
    <message>
        <source>QA: release the lot from hold…</source>
        <translation>质量：解除批次冻结…</translation>
    </message>
    <message>
        <source>⚠ HELD: {0}</source>
        <translation>⚠ 已冻结：{0}</translation>
    </message>
    <message numerus="yes">
        <source>Variance monitoring: %n change(s) at the PLC since release</source>
        <translation>
            <numerusform>偏差监控：放行后 PLC 上有 %n 处更改</numerusform>
        </translation>
    </message>
    <message>
        <source>Variance monitoring: every parameter still at its downloaded value</source>
        <translation>偏差监控：所有参数仍为下载值</translation>
    </message>
    <message numerus="yes">
        <source>Lot {0}: release from hold (%n hold(s))</source>
        <translation>
            <numerusform>批次 {0}：解除冻结（%n 项冻结）</numerusform>
        </translation>
    </message>
    <message>
        <source>Lot {0} released from hold by {1}.</source>
        <translation>批次 {0} 已由 {1} 解除冻结。</translation>
    </message>
    <message>
        <source>all stations</source>
        <translation>所有工位</translation>
    </message>
    <message>
        <source>lot {0} held at {1} since {2} UTC by {3}: {4}</source>
        <translation>批次 {0} 在 {1} 自 {2} UTC 起由 {3} 冻结：{4}</translation>
    </message>
    <message>
        <source>{0}; released by {1} at {2} UTC: {3}</source>
        <translation>{0}；由 {1} 于 {2} UTC 解除冻结：{3}</translation>
    </message>
</context>
<context>
    <name>ChangeoverRoles</name>
    <message>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>lead</source>
        <translation>班组长</translation>
    </message>
    <message>
        <source>qa</source>
        <translation>质量部门</translation>
    </message>
</context>
<context>
    <name>ChangeoverScreen</name>
    <message>
        <source>Tag</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Before (rollback)</source>
        <translation>之前（回滚值）</translation>
    </message>
    <message>
        <source>Read back</source>
        <translation>回读</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Changeover</source>
        <translation>换型</translation>
    </message>
    <message>
        <source>Recipe and lot</source>
        <translation>配方与批次</translation>
    </message>
    <message>
        <source>Download and verify</source>
        <translation>下载并校验</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation>未开始。</translation>
    </message>
    <message>
        <source>{0} v{1}, lot {2} (recovered)</source>
        <translation>{0} v{1}，批次 {2}（已恢复）</translation>
    </message>
    <message>
        <source>✗ Choose an Effective recipe version.</source>
        <translation>✗ 请选择生效的配方版本。</translation>
    </message>
    <message>
        <source>✗ Give the lot id (scan or type it).</source>
        <translation>✗ 请输入批次号（扫描或键入）。</translation>
    </message>
    <message>
        <source>{0} v{1}, lot {2}</source>
        <translation>{0} v{1}，批次 {2}</translation>
    </message>
    <message>
        <source>Pre-checks, snapshot, download and read-back …</source>
        <translation>预检查、快照、下载与回读 …</translation>
    </message>
    <message>
        <source>{0} — TRIAL: the lot is held until QA releases it (below)</source>
        <translation>{0} — 试运行：批次冻结，直到质量部门放行（见下方）</translation>
    </message>
    <message>
        <source>aborted by the operator</source>
        <translation>由操作员中止</translation>
    </message>
    <message>
        <source>rolled back after an interruption</source>
        <translation>中断后已回滚</translation>
    </message>
    <message>
        <source>Automatic checks: holding each condition for its time …</source>
        <translation>自动检查：每个条件保持其规定时间 …</translation>
    </message>
    <message>
        <source>✗ Touch the checklist item you confirm.</source>
        <translation>✗ 请点击要确认的检查项。</translation>
    </message>
    <message numerus="yes">
        <source>%n parameter(s) read back equal</source>
        <translation>
            <numerusform>%n 个参数回读一致</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) passed</source>
        <translation>
            <numerusform>%n 项通过</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} by {1}</source>
        <translation>{0}：{1}</translation>
    </message>
</context>
<context>
    <name>ChangeoverSignPage</name>
    <message>
        <source>Sign: performed…</source>
        <translation>签名：已执行…</translation>
    </message>
    <message>
        <source>Sign: verified…</source>
        <translation>签名：已复核…</translation>
    </message>
    <message>
        <source>Performed by (Operator, Lead or QA), then verified by a second person (Lead or QA).</source>
        <translation>由执行人（操作员、班长或质量）签名，再由第二人（班长或质量）复核。</translation>
    </message>
    <message>
        <source>Performed by {0}; now verified by a second person.</source>
        <translation>已由 {0} 执行；现由第二人复核。</translation>
    </message>
    <message numerus="yes">
        <source>Changeover {0} v{1}, lot {2} (%n parameter(s) verified)</source>
        <translation>
            <numerusform>换型 {0} v{1}，批次 {2}（已校验 %n 个参数）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangeoverState</name>
    <message>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>prechecked</source>
        <translation>已预检</translation>
    </message>
    <message>
        <source>snapshot</source>
        <translation>已快照</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>下载中</translation>
    </message>
    <message>
        <source>downloaded</source>
        <translation>已下载</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>已校验</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>已检查</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>已签名</translation>
    </message>
    <message>
        <source>released</source>
        <translation>已放行</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>rolling_back</source>
        <translation>回滚中</translation>
    </message>
    <message>
        <source>rolled_back</source>
        <translation>已回滚</translation>
    </message>
    <message>
        <source>rollback_failed</source>
        <translation>回滚失败</translation>
    </message>
</context>
<context>
    <name>ChecklistCondition</name>
    <message>
        <source>{tag} has no good value</source>
        <translation>{tag} 没有有效值</translation>
    </message>
    <message>
        <source>{tag} = {value:g}, needs below {limit:g}</source>
        <translation>{tag} = {value:g}，须低于 {limit:g}</translation>
    </message>
    <message>
        <source>{tag} = {value:g}, needs above {limit:g}</source>
        <translation>{tag} = {value:g}，须高于 {limit:g}</translation>
    </message>
    <message>
        <source>{tag}: no reference value for {of}</source>
        <translation>{tag}：{of} 没有参考值</translation>
    </message>
    <message>
        <source>{tag} = {value:g}, needs {ref:g} ± {within:g}</source>
        <translation>{tag} = {value:g}，须为 {ref:g} ± {within:g}</translation>
    </message>
    <message>
        <source>{tag} = {value:g}</source>
        <translation>{tag} = {value:g}</translation>
    </message>
</context>
<context>
    <name>ChecklistStatus</name>
    <message>
        <source>open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>未通过</translation>
    </message>
</context>
<context>
    <name>CommandAction</name>
    <message>
        <source>view</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>write_setpoint</source>
        <translation>写入设定值</translation>
    </message>
    <message>
        <source>command</source>
        <translation>发送命令</translation>
    </message>
    <message>
        <source>ack_alarm</source>
        <translation>确认报警</translation>
    </message>
    <message>
        <source>shelve_alarm</source>
        <translation>搁置报警</translation>
    </message>
    <message>
        <source>bypass</source>
        <translation>旁路</translation>
    </message>
    <message>
        <source>restore</source>
        <translation>执行恢复</translation>
    </message>
    <message>
        <source>changeover</source>
        <translation>换型</translation>
    </message>
    <message>
        <source>recipe_edit</source>
        <translation>编辑配方</translation>
    </message>
    <message>
        <source>recipe_verify</source>
        <translation>复核配方</translation>
    </message>
    <message>
        <source>recipe_approve</source>
        <translation>批准配方</translation>
    </message>
    <message>
        <source>recipe_release</source>
        <translation>放行配方</translation>
    </message>
    <message>
        <source>manage_users</source>
        <translation>管理用户</translation>
    </message>
    <message>
        <source>manage_certificates</source>
        <translation>管理证书</translation>
    </message>
    <message>
        <source>audit_export</source>
        <translation>导出审计追踪</translation>
    </message>
</context>
<context>
    <name>CommandMessages</name>
    <message>
        <source>{user} ({role}) may not {action} at {station}: ask a user whose role allows it</source>
        <translation>{user}（{role}）无权在 {station} {action}：请由角色允许的用户操作</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>无角色</translation>
    </message>
    <message>
        <source>{action} at {station} needs a reason: say why, then send again</source>
        <translation>在 {station} {action} 需要填写原因：说明原因后重新发送</translation>
    </message>
    <message>
        <source>unknown user</source>
        <translation>未知用户</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>1 hour earlier</source>
        <translation>1 小时前</translation>
    </message>
    <message>
        <source>1 day earlier</source>
        <translation>1 天前</translation>
    </message>
    <message>
        <source>1 week earlier</source>
        <translation>1 周前</translation>
    </message>
    <message>
        <source>No comparison</source>
        <translation>不对比</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Draw the same window, from</source>
        <translation>绘制相同时间窗口，取自</translation>
    </message>
</context>
<context>
    <name>ConfigEditorScreen</name>
    <message>
        <source>Line config</source>
        <translation>产线配置</translation>
    </message>
    <message>
        <source>no file open</source>
        <translation>未打开文件</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save and apply</source>
        <translation>保存并应用</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Problems ({0})</source>
        <translation>问题（{0}）</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Changes ({0})</source>
        <translation>变更（{0}）</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>结构</translation>
    </message>
    <message>
        <source>{0}: cannot read ({1})</source>
        <translation>{0}：无法读取（{1}）</translation>
    </message>
    <message>
        <source>{0}: reverted to the file on disk</source>
        <translation>{0}：已还原为磁盘上的文件</translation>
    </message>
    <message>
        <source>Open a line config</source>
        <translation>打开产线配置</translation>
    </message>
    <message>
        <source>Line config (*.toml)</source>
        <translation>产线配置（*.toml）</translation>
    </message>
    <message>
        <source>the check failed: {0}</source>
        <translation>检查失败：{0}</translation>
    </message>
    <message>
        <source>the checker accepts this config</source>
        <translation>检查通过：此配置有效</translation>
    </message>
    <message>
        <source>problems: {0}; it can be saved only as a draft and cannot be applied</source>
        <translation>问题：{0}；只能保存为草稿，不能应用</translation>
    </message>
    <message>
        <source>no running line to compare with</source>
        <translation>没有可比较的运行中产线</translation>
    </message>
    <message>
        <source>fix the problems first: only a config the checker accepts is compared</source>
        <translation>请先修正问题：只有通过检查的配置才会比较</translation>
    </message>
    <message>
        <source>Apply: nothing to apply</source>
        <translation>应用：无可应用的内容</translation>
    </message>
    <message>
        <source>Apply: {0}</source>
        <translation>应用：{0}</translation>
    </message>
    <message>
        <source>screens and alarms use the new config after the HMI restarts</source>
        <translation>画面和报警在 HMI 重启后使用新配置</translation>
    </message>
    <message>
        <source>({0} tags)</source>
        <translation>（{0} 个变量）</translation>
    </message>
    <message>
        <source>{0} ({1}): {2} tags</source>
        <translation>{0}（{1}）：{2} 个变量</translation>
    </message>
    <message>
        <source>alarms: {0}; loops: {1}; trends: {2}</source>
        <translation>报警：{0}；回路：{1}；趋势：{2}</translation>
    </message>
    <message>
        <source>apply refused: this editor has no running line to apply to</source>
        <translation>拒绝应用：此编辑器没有可应用的运行中产线</translation>
    </message>
    <message>
        <source>apply a line config</source>
        <translation>应用产线配置</translation>
    </message>
    <message>
        <source>apply refused: the check of your last edit is still running; try again</source>
        <translation>拒绝应用：最近一次修改的检查仍在进行；请重试</translation>
    </message>
    <message>
        <source>apply refused: the checker refuses this config ({0}); fix the problems listed first</source>
        <translation>拒绝应用：检查未通过此配置（{0}）；请先修正所列问题</translation>
    </message>
    <message>
        <source>apply refused: nothing to apply, the config is the one running</source>
        <translation>拒绝应用：无可应用的内容，此配置即为运行中的配置</translation>
    </message>
    <message>
        <source>open a config file first</source>
        <translation>请先打开配置文件</translation>
    </message>
    <message>
        <source>save a line config</source>
        <translation>保存产线配置</translation>
    </message>
    <message>
        <source>applying…</source>
        <translation>正在应用…</translation>
    </message>
    <message>
        <source>saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>not done: {0}</source>
        <translation>未完成：{0}</translation>
    </message>
    <message>
        <source>saved as draft {0}: the checker refuses the text, so {1} is unchanged</source>
        <translation>已保存为草稿 {0}：检查未通过该文本，{1} 保持不变</translation>
    </message>
    <message>
        <source>the config</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>(previous version: {0})</source>
        <translation>（上一版本：{0}）</translation>
    </message>
    <message>
        <source>saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>applied: {0}; kept running: {1}</source>
        <translation>已应用：{0}；保持运行：{1}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ConflictView</name>
    <message>
        <source>Records forwarded after the plant database was offline that need a decision</source>
        <translation>工厂数据库离线后补发的、需要决定的记录</translation>
    </message>
    <message>
        <source>Resolve with a signature…</source>
        <translation>签名处理…</translation>
    </message>
    <message>
        <source>Cannot read the conflicts: {0}</source>
        <translation>无法读取冲突：{0}</translation>
    </message>
    <message>
        <source>{0} (from {1})</source>
        <translation>{0}（来自 {1}）</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) to review.</source>
        <translation>
            <numerusform>%n 个冲突待审核。</numerusform>
        </translation>
    </message>
    <message>
        <source>No conflicts to review.</source>
        <translation>没有待审核的冲突。</translation>
    </message>
    <message>
        <source>decision on a conflict</source>
        <translation>冲突处理决定</translation>
    </message>
    <message>
        <source>What was decided, e.g. lot re-tested</source>
        <translation>所作决定，例如：批次已复检</translation>
    </message>
</context>
<context>
    <name>DiagnosticsScreen</name>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Keep-alive</source>
        <translation>保活</translation>
    </message>
    <message>
        <source>Read p50 / p99 / max</source>
        <translation>读取 p50 / p99 / max</translation>
    </message>
    <message>
        <source>Echo p50 / p99 / max</source>
        <translation>回显 p50 / p99 / max</translation>
    </message>
    <message>
        <source>Reconnects</source>
        <translation>重连次数</translation>
    </message>
    <message>
        <source>Values/s</source>
        <translation>数值/秒</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>no status from the PLC</source>
        <translation>PLC 未提供状态</translation>
    </message>
    <message>
        <source>PLC clock {0} s ahead of this HMI&apos;s: its time stamps are corrected and its values shown uncertain</source>
        <translation>PLC 时钟比本 HMI 快 {0} 秒：其时间戳已校正，数值显示为不确定</translation>
    </message>
    <message>
        <source>PLC clock {0} s behind this HMI&apos;s: its time stamps are corrected and its values shown uncertain</source>
        <translation>PLC 时钟比本 HMI 慢 {0} 秒：其时间戳已校正，数值显示为不确定</translation>
    </message>
    <message>
        <source>Connection diagnostics</source>
        <translation>连接诊断</translation>
    </message>
    <message>
        <source>Age since the PLC stamped each value; an unchanged setpoint keeps its stamp. Not live: stale, lost or bad.</source>
        <translation>自 PLC 为每个数值打时间戳起的时长；未改变的设定值保留其时间戳。非实时：过期、断开或坏值。</translation>
    </message>
    <message>
        <source>Measure read round trip</source>
        <translation>测量读取往返时间</translation>
    </message>
    <message>
        <source>Measure write-to-echo</source>
        <translation>测量写入回显时间</translation>
    </message>
    <message>
        <source>write-to-echo needs the signed-in command path</source>
        <translation>写入回显需要已登录的命令通道</translation>
    </message>
    <message>
        <source>Setpoint</source>
        <translation>设定值</translation>
    </message>
    <message>
        <source>not live</source>
        <comment>values stale, lost or bad</comment>
        <translation>非实时</translation>
    </message>
    <message>
        <source>Data age of {0}: {1} of {2} tags</source>
        <translation>{0} 的数据时长：{2} 个变量中的 {1} 个</translation>
    </message>
    <message>
        <source>Reconnects: not connected yet</source>
        <translation>重连：尚未连接</translation>
    </message>
    <message>
        <source>Reconnects of {0}: {1}, disconnected {2} s in all</source>
        <translation>{0} 的重连：{1} 次，共断开 {2} 秒</translation>
    </message>
    <message>
        <source>last cause: {0}</source>
        <translation>最近原因：{0}</translation>
    </message>
    <message>
        <source>no loss since the PLC link started</source>
        <translation>PLC 连接启动以来未断开</translation>
    </message>
    <message>
        <source>Tags of {0} not good: {1}</source>
        <translation>{0} 中状态不良的变量：{1}</translation>
    </message>
    <message>
        <source>every tag is good</source>
        <translation>所有变量状态良好</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>… 另有 {0} 个</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>测量</translation>
    </message>
    <message>
        <source>{0}: a measurement is under way; its result shows in the table</source>
        <translation>{0}：测量进行中；结果将显示在表格中</translation>
    </message>
    <message>
        <source>{0} has no tags</source>
        <translation>{0} 没有变量</translation>
    </message>
    <message>
        <source>Reading {0} {1} times…</source>
        <translation>正在读取 {0} {1} 次…</translation>
    </message>
    <message>
        <source>{0}: read round trip not measured: {1}</source>
        <translation>{0}：未测得读取往返时间：{1}</translation>
    </message>
    <message>
        <source>{0}: read round trip {1}</source>
        <translation>{0}：读取往返时间 {1}</translation>
    </message>
    <message>
        <source>{0}: no read came back live ({1})</source>
        <translation>{0}：没有读取返回实时值（{1}）</translation>
    </message>
    <message>
        <source>write-to-echo needs a setpoint and the signed-in command path</source>
        <translation>写入回显需要一个设定值和已登录的命令通道</translation>
    </message>
    <message>
        <source>Writing {0} back and forth as {1}, timing each echo…</source>
        <translation>正在以 {1} 身份来回写入 {0}，并为每次回显计时…</translation>
    </message>
    <message>
        <source>{0}: {1} (restored {2})</source>
        <translation>{0}：{1}（已恢复 {2}）</translation>
    </message>
    <message>
        <source>{0}: {1} (NOT restored: check the PLC {2})</source>
        <translation>{0}：{1}（未恢复：请检查 PLC，{2}）</translation>
    </message>
    <message>
        <source>no echo</source>
        <translation>无回显</translation>
    </message>
    <message>
        <source>{0}: write-to-echo {1}; original {2} restored</source>
        <translation>{0}：写入回显 {1}；原值 {2} 已恢复</translation>
    </message>
    <message>
        <source>{0}: write-to-echo {1}; original {2} NOT restored: check the PLC</source>
        <translation>{0}：写入回显 {1}；原值 {2} 未恢复：请检查 PLC</translation>
    </message>
</context>
<context>
    <name>FirstArticle</name>
    <message>
        <source>{station} has no SPC characteristics</source>
        <translation>{station} 没有 SPC 特性</translation>
    </message>
    <message>
        <source>waiting for first article on {station}: {charts}</source>
        <translation>等待 {station} 的首件：{charts}</translation>
    </message>
    <message>
        <source>{count}/{subgroups} subgroups ({char})</source>
        <translation>{count}/{subgroups} 个子组（{char}）</translation>
    </message>
    <message>
        <source>{char} {value}{unit} below LSL {lsl}</source>
        <translation>{char} {value}{unit} 低于规格下限 {lsl}</translation>
    </message>
    <message>
        <source>{char} {value}{unit} above USL {usl}</source>
        <translation>{char} {value}{unit} 高于规格上限 {usl}</translation>
    </message>
    <message>
        <source>{char} {values}{unit} within spec (no control limits yet: judged against the spec only)</source>
        <translation>{char} {values}{unit} 在规格内（尚无控制限：仅按规格判定）</translation>
    </message>
    <message>
        <source>{char}: rule {rule} {description} ({values}{unit})</source>
        <translation>{char}：规则 {rule} {description}（{values}{unit}）</translation>
    </message>
    <message>
        <source>{char} {values}{unit} in control and in spec</source>
        <translation>{char} {values}{unit} 受控且在规格内</translation>
    </message>
    <message>
        <source>no SPC monitor runs on this HMI: the first article cannot be judged here</source>
        <translation>此 HMI 上未运行 SPC 监控：无法在此判定首件</translation>
    </message>
    <message>
        <source>{item}: {status}</source>
        <translation>{item}：{status}</translation>
    </message>
    <message>
        <source>{status} (still waiting after {timeout} s: run the automatic checks again, or abort)</source>
        <translation>{status}（{timeout} 秒后仍在等待：请重新运行自动检查，或中止）</translation>
    </message>
    <message>
        <source>First article on {station} passes SPC</source>
        <translation>{station} 的首件通过 SPC</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>First start: who runs this line?</source>
        <translation>首次启动：由谁运行这条产线？</translation>
    </message>
    <message>
        <source>Lineside has no default password. Create the administrator (users and certificates) and the first operator (runs the line).</source>
        <translation>Lineside 没有默认密码。请创建管理员（管理用户和证书）和第一位操作员（运行产线）。</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>First operator</source>
        <translation>第一位操作员</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>重复密码</translation>
    </message>
    <message>
        <source>Create and sign in</source>
        <translation>创建并登录</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>{0}: give the user id, full name and password</source>
        <translation>{0}：请填写用户名、姓名和密码</translation>
    </message>
    <message>
        <source>{0}: the two passwords differ</source>
        <translation>{0}：两次输入的密码不一致</translation>
    </message>
    <message>
        <source>The administrator is needed: give user id, full name and password.</source>
        <translation>必须创建管理员：请填写用户名、姓名和密码。</translation>
    </message>
</context>
<context>
    <name>GroupList</name>
    <message>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>No limit alarms</source>
        <translation>无限值报警</translation>
    </message>
    <message>
        <source>Night</source>
        <translation>夜间</translation>
    </message>
    <message>
        <source>Night shift: the same colour meanings on dark grey</source>
        <translation>夜班：深灰背景，颜色含义不变</translation>
    </message>
    <message>
        <source>EN ▾</source>
        <comment>this language&apos;s short name</comment>
        <translation>中文 ▾</translation>
    </message>
    <message>
        <source>English · Deutsch · 中文</source>
        <translation>English · Deutsch · 中文</translation>
    </message>
    <message>
        <source>No unacknowledged alarms</source>
        <translation>无未确认报警</translation>
    </message>
    <message>
        <source>{0} connecting</source>
        <translation>{0} 连接中</translation>
    </message>
    <message>
        <source>{0} LOST</source>
        <translation>{0} 已断开</translation>
    </message>
    <message>
        <source>no round trip yet</source>
        <translation>尚无往返时间</translation>
    </message>
    <message>
        <source>⚠ No OPC UA security on {0}: values and writes travel unsigned and unencrypted (the line config says security None).</source>
        <translation>⚠ {0} 未启用 OPC UA 安全：数值和写入未签名、未加密传输（产线配置为 security None）。</translation>
    </message>
    <message>
        <source>Not signed in: sign in to act</source>
        <translation>未登录：登录后才能操作</translation>
    </message>
    <message>
        <source>Locked ({0}): sign in to act</source>
        <translation>已锁定（{0}）：登录后才能操作</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>User…</source>
        <translation>用户…</translation>
    </message>
    <message numerus="yes">
        <source>%n stop(s) need a reason</source>
        <translation>
            <numerusform>%n 次停机待填原因</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Plant database offline since {0} · %n record(s) waiting</source>
        <translation>
            <numerusform>工厂数据库自 {0} 起离线 · %n 条记录等待转发</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Plant database back: forwarding %n record(s)</source>
        <translation>
            <numerusform>工厂数据库已恢复：正在转发 %n 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n forwarded record(s) to review</source>
        <translation>
            <numerusform>%n 条已转发记录待审核</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} lost for {1}</source>
        <translation>{0} 已断开 {1}</translation>
    </message>
    <message>
        <source>PLC connection lost: {0}. Its values are greyed and not live.</source>
        <translation>PLC 连接已断开：{0}。其数值显示为灰色，非实时。</translation>
    </message>
    <message>
        <source>{0} (cleared)</source>
        <translation>{0}（已消除）</translation>
    </message>
    <message>
        <source>? Help</source>
        <translation>? 帮助</translation>
    </message>
</context>
<context>
    <name>HelpPanel</name>
    <message>
        <source>Help: {0}</source>
        <translation>帮助：{0}</translation>
    </message>
    <message>
        <source>Help is not available</source>
        <translation>帮助不可用</translation>
    </message>
    <message numerus="yes">
        <source>Search: %n topic(s)</source>
        <translation>
            <numerusform>搜索：%n 个主题</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing found for “{0}”. Try fewer or other words: a tag, an alarm&apos;s cause, a control&apos;s name.</source>
        <translation>未找到“{0}”。请尝试更少或其他的词：变量、报警原因、控件名称。</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>画面</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>报警</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>程序</translation>
    </message>
    <message>
        <source>Open this procedure in the restore wizard</source>
        <translation>在恢复向导中打开此程序</translation>
    </message>
    <message>
        <source>Search help: alarms, procedures, screens</source>
        <translation>搜索帮助：报警、程序、画面</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>键盘</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Close help</source>
        <translation>关闭帮助</translation>
    </message>
</context>
<context>
    <name>HelpWiring</name>
    <message>
        <source>Sign in to start a restore.</source>
        <translation>请登录后再开始恢复运行。</translation>
    </message>
    <message>
        <source>Your role may not run restores at {0}.</source>
        <translation>您的角色无权在 {0} 执行恢复运行。</translation>
    </message>
</context>
<context>
    <name>IoCheckoutScreen</name>
    <message>
        <source>Tag</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>Expected / action</source>
        <translation>预期 / 操作</translation>
    </message>
    <message>
        <source>Live value</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>{0}/{1} checked, {2} pass, {3} fail</source>
        <translation>已检查 {0}/{1}，{2} 合格，{3} 不合格</translation>
    </message>
    <message>
        <source>I/O checkout</source>
        <translation>I/O 检查</translation>
    </message>
    <message>
        <source>Start / resume</source>
        <translation>开始 / 继续</translation>
    </message>
    <message>
        <source>Report PDF</source>
        <translation>报告 PDF</translation>
    </message>
    <message>
        <source>Report CSV</source>
        <translation>报告 CSV</translation>
    </message>
    <message>
        <source>Close checkout</source>
        <translation>结束检查</translation>
    </message>
    <message>
        <source>Pick a station and start its checkout</source>
        <translation>选择工位并开始其检查</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>{0}: {1} ({2}, started by {3})</source>
        <translation>{0}：{1}（{2}，由 {3} 开始）</translation>
    </message>
    <message>
        <source>no value yet</source>
        <translation>尚无数值</translation>
    </message>
    <message>
        <source>write a test value and see it read back</source>
        <translation>写入测试值并查看回读</translation>
    </message>
    <message>
        <source>compare the live value with the field</source>
        <translation>将实际值与现场比对</translation>
    </message>
    <message>
        <source>last write: {0}</source>
        <translation>上次写入：{0}</translation>
    </message>
    <message>
        <source>test writes need the command service: this panel has none (sign in on a secure HMI)</source>
        <translation>测试写入需要命令服务：本面板没有（请在安全 HMI 上登录）</translation>
    </message>
    <message>
        <source>writing {0} = {1}…</source>
        <translation>正在写入 {0} = {1}…</translation>
    </message>
    <message>
        <source>{0}: {1} signed by {2}</source>
        <translation>{0}：{1}，由 {2} 签名</translation>
    </message>
    <message>
        <source>checkout of {0} closed</source>
        <translation>{0} 的检查已结束</translation>
    </message>
    <message>
        <source>start or resume a checkout first: the report is of one</source>
        <translation>请先开始或继续一次检查：报告针对单次检查</translation>
    </message>
    <message>
        <source>report written: {0}</source>
        <translation>报告已写入：{0}</translation>
    </message>
    <message>
        <source>I/O checkout report: {0}</source>
        <translation>I/O 检查报告：{0}</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>LineageScreen</name>
    <message>
        <source>recipe</source>
        <translation>配方</translation>
    </message>
    <message>
        <source>variance</source>
        <translation>偏差</translation>
    </message>
    <message>
        <source>write</source>
        <comment>a PLC write</comment>
        <translation>写入</translation>
    </message>
    <message>
        <source>alarm</source>
        <translation>报警</translation>
    </message>
    <message>
        <source>restore</source>
        <translation>恢复运行</translation>
    </message>
    <message>
        <source>exposure</source>
        <translation>暴露</translation>
    </message>
    <message>
        <source>hold</source>
        <comment>a lot hold</comment>
        <translation>冻结</translation>
    </message>
    <message>
        <source>SPC</source>
        <translation>SPC</translation>
    </message>
    <message>
        <source>Scan or type a lot id, e.g. winder-12</source>
        <translation>扫描或键入批次号，例如 winder-12</translation>
    </message>
    <message>
        <source>⌨ Keyboard</source>
        <translation>⌨ 键盘</translation>
    </message>
    <message>
        <source>Show lineage</source>
        <translation>显示追溯</translation>
    </message>
    <message>
        <source>Export bundle</source>
        <translation>导出数据包</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工位</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>配方</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>暴露</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>By</source>
        <comment>who did it</comment>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Pick a recent lot or scan one.</source>
        <translation>选择一个最近的批次或扫描一个。</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>scan or type a lot id first</source>
        <translation>请先扫描或键入批次号</translation>
    </message>
    <message>
        <source>Reading the lineage of {0}…</source>
        <translation>正在读取 {0} 的追溯…</translation>
    </message>
    <message>
        <source>{0}: {1} lots back through {2}; events: {3}, hold records: {4}, dew-point exposure {5} min. SPC: only its holds are on record.</source>
        <translation>{0}：经 {2} 向前追溯 {1} 个批次；事件：{3}，冻结记录：{4}，露点暴露 {5} 分钟。SPC：仅记录其冻结。</translation>
    </message>
    <message>
        <source>show a lot&apos;s lineage first</source>
        <translation>请先显示一个批次的追溯</translation>
    </message>
    <message>
        <source>cannot write the bundle into {0}: {1}</source>
        <translation>无法将数据包写入 {0}：{1}</translation>
    </message>
    <message>
        <source>export bundle written to {0}</source>
        <translation>导出数据包已写入 {0}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Signed in now: {0}</source>
        <translation>当前登录：{0}</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>or, operators: badge and PIN</source>
        <translation>或者，操作员：工牌和 PIN</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Give both the badge and the PIN.</source>
        <translation>请同时提供工牌和 PIN。</translation>
    </message>
    <message>
        <source>Give your user id and password (or badge and PIN).</source>
        <translation>请输入用户名和密码（或工牌和 PIN）。</translation>
    </message>
</context>
<context>
    <name>LoopFaceplate</name>
    <message>
        <source>Mode unknown</source>
        <translation>模式未知</translation>
    </message>
    <message>
        <source>PV</source>
        <comment>process value</comment>
        <translation>实际值</translation>
    </message>
    <message>
        <source>SP</source>
        <comment>setpoint</comment>
        <translation>设定值</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Set SP</source>
        <translation>改设定值</translation>
    </message>
    <message>
        <source>Set output</source>
        <translation>改输出</translation>
    </message>
    <message>
        <source>AUTO</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>MANUAL</source>
        <translation>手动</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Alarms</source>
        <translation>报警</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复运行</translation>
    </message>
    <message>
        <source>Recipes</source>
        <translation>配方</translation>
    </message>
    <message>
        <source>Changeover</source>
        <translation>换型</translation>
    </message>
    <message>
        <source>Alarm journal</source>
        <translation>报警日志</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计追踪</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>工位</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>生产</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation>调试工作台</translation>
    </message>
    <message>
        <source>OEE</source>
        <translation>OEE</translation>
    </message>
    <message>
        <source>SPC</source>
        <translation>SPC</translation>
    </message>
    <message>
        <source>Lot lineage</source>
        <translation>批次追溯</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>OPC UA browser</source>
        <translation>OPC UA 浏览器</translation>
    </message>
    <message>
        <source>Modbus scanner</source>
        <translation>Modbus 扫描</translation>
    </message>
    <message>
        <source>Line config</source>
        <translation>产线配置</translation>
    </message>
    <message>
        <source>I/O checkout</source>
        <translation>I/O 检查</translation>
    </message>
    <message>
        <source>Lineside — {0}</source>
        <translation>Lineside — {0}</translation>
    </message>
    <message>
        <source>{0} {1}?</source>
        <comment>a PackML command, the station&apos;s name</comment>
        <translation>{1}：{0}？</translation>
    </message>
</context>
<context>
    <name>ModbusScreen</name>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Modbus scanner</source>
        <translation>Modbus 扫描器</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Unit</source>
        <comment>Modbus unit id</comment>
        <translation>单元</translation>
    </message>
    <message>
        <source>Table</source>
        <comment>Modbus table</comment>
        <translation>数据区</translation>
    </message>
    <message>
        <source>Start</source>
        <comment>first address</comment>
        <translation>起始</translation>
    </message>
    <message>
        <source>Count</source>
        <comment>how many addresses</comment>
        <translation>数量</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Bus log</source>
        <translation>总线日志</translation>
    </message>
    <message>
        <source>port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>unit id</source>
        <translation>单元 ID</translation>
    </message>
    <message>
        <source>start address</source>
        <translation>起始地址</translation>
    </message>
    <message>
        <source>count</source>
        <comment>how many addresses to read</comment>
        <translation>数量</translation>
    </message>
    <message>
        <source>enter the device&apos;s host name or IP address</source>
        <translation>请输入设备的主机名或 IP 地址</translation>
    </message>
    <message>
        <source>start {0} + count {1} runs past address 65535</source>
        <translation>起始 {0} + 数量 {1} 超出地址 65535</translation>
    </message>
    <message>
        <source>Scanning {0} {1}..{2} of unit {3} at {4}:{5}…</source>
        <translation>正在扫描 {4}:{5} 单元 {3} 的 {0} {1}..{2}…</translation>
    </message>
    <message>
        <source>scan failed: {0}: {1}</source>
        <translation>扫描失败：{0}：{1}</translation>
    </message>
    <message>
        <source>, {0} unmapped (--)</source>
        <translation>，{0} 个未映射（--）</translation>
    </message>
    <message>
        <source>{0} {1} bits from {2} of unit {3}{4}.</source>
        <translation>单元 {3} 从 {2} 起的 {0} 个 {1} 位{4}。</translation>
    </message>
    <message>
        <source>{0} {1} registers from {2} of unit {3}{4}.</source>
        <translation>单元 {3} 从 {2} 起的 {0} 个 {1} 寄存器{4}。</translation>
    </message>
    <message>
        <source>Tap the reading that looks right to add it.</source>
        <translation>点击看起来正确的读数以添加它。</translation>
    </message>
    <message>
        <source>Pick a value above to add it to the line config</source>
        <translation>在上方选择一个值以将其添加到产线配置</translation>
    </message>
    <message>
        <source>{0} {1} of unit {2} as {3} = {4}</source>
        <translation>单元 {2} 的 {0} {1}，按 {3} = {4}</translation>
    </message>
</context>
<context>
    <name>NumberField</name>
    <message>
        <source>Enter {0} on the keypad</source>
        <translation>用数字键盘输入{0}</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>Enter {0}</source>
        <translation>输入 {0}</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a number</source>
        <translation>“{0}”不是数字</translation>
    </message>
    <message>
        <source>above high limit {0}</source>
        <translation>高于上限 {0}</translation>
    </message>
    <message>
        <source>below low limit {0}</source>
        <translation>低于下限 {0}</translation>
    </message>
    <message>
        <source>Limits {0} … {1}</source>
        <translation>限值 {0} … {1}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>OeeMessages</name>
    <message>
        <source>m/min</source>
        <translation>米/分钟</translation>
    </message>
    <message>
        <source>per min</source>
        <translation>每分钟</translation>
    </message>
    <message>
        <source>its active recipe</source>
        <translation>当前有效配方</translation>
    </message>
    <message>
        <source>the line config</source>
        <translation>产线配置</translation>
    </message>
    <message>
        <source>the default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>{rate} {unit} at {station} ({source})</source>
        <translation>{station}：{rate} {unit}（{source}）</translation>
    </message>
</context>
<context>
    <name>OeeScreen</name>
    <message>
        <source>Current shift</source>
        <translation>当前班次</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <source>Last 8 h</source>
        <translation>最近 8 小时</translation>
    </message>
    <message>
        <source>Last 24 h</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>No shift running: last 8 h</source>
        <translation>无当前班次：最近 8 小时</translation>
    </message>
    <message>
        <source>planned production time</source>
        <translation>计划生产时间</translation>
    </message>
    <message>
        <source>downtime, no reason yet</source>
        <translation>停机，尚无原因</translation>
    </message>
    <message>
        <source>idling and minor stops</source>
        <translation>空转和短暂停机</translation>
    </message>
    <message>
        <source>reduced speed</source>
        <translation>降速</translation>
    </message>
    <message>
        <source>quality loss</source>
        <translation>质量损失</translation>
    </message>
    <message>
        <source>fully productive time</source>
        <translation>完全有效生产时间</translation>
    </message>
    <message>
        <source>operating time (no count measured)</source>
        <translation>运行时间（未计数）</translation>
    </message>
    <message>
        <source>{0} {1} from {2} UTC for {3} min</source>
        <translation>{0} {1}，自 {2} UTC 起，持续 {3} 分钟</translation>
    </message>
    <message>
        <source>(ongoing)</source>
        <translation>（持续中）</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工位</translation>
    </message>
    <message>
        <source>A</source>
        <comment>availability</comment>
        <translation>可用率</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>可用率</translation>
    </message>
    <message>
        <source>P</source>
        <comment>performance</comment>
        <translation>性能</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>性能</translation>
    </message>
    <message>
        <source>Q</source>
        <comment>quality</comment>
        <translation>质量</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>OEE</source>
        <translation>OEE</translation>
    </message>
    <message>
        <source>Overall equipment effectiveness</source>
        <translation>设备综合效率</translation>
    </message>
    <message>
        <source>Down</source>
        <comment>downtime</comment>
        <translation>停机</translation>
    </message>
    <message>
        <source>Downtime</source>
        <translation>停机时间</translation>
    </message>
    <message>
        <source>Top downtime reasons (min)</source>
        <translation>主要停机原因（分钟）</translation>
    </message>
    <message>
        <source>Micro-stops per station</source>
        <translation>各工位短暂停机</translation>
    </message>
    <message>
        <source>OEE per shift (%)</source>
        <translation>各班次 OEE（%）</translation>
    </message>
    <message>
        <source>Losses: the line</source>
        <translation>损失：整线</translation>
    </message>
    <message>
        <source>Line ideal rate: {0}, the bottleneck</source>
        <translation>产线理想节拍：{0}，瓶颈工位</translation>
    </message>
    <message>
        <source>No line ideal rate: no station counts output</source>
        <translation>无产线理想节拍：没有工位统计产出</translation>
    </message>
    <message>
        <source>{0}: line OEE {1}</source>
        <translation>{0}：整线 OEE {1}</translation>
    </message>
    <message>
        <source>LINE</source>
        <translation>整线</translation>
    </message>
    <message>
        <source>Losses: {0}</source>
        <translation>损失：{0}</translation>
    </message>
    <message>
        <source>no planned time in this period</source>
        <translation>此时段内无计划时间</translation>
    </message>
    <message>
        <source>no reason yet</source>
        <translation>尚无原因</translation>
    </message>
    <message>
        <source>no downtime in this period</source>
        <translation>此时段内无停机</translation>
    </message>
    <message>
        <source>no micro-stops in this period</source>
        <translation>此时段内无短暂停机</translation>
    </message>
    <message>
        <source>world class 85</source>
        <translation>世界级 85</translation>
    </message>
    <message>
        <source>no shifts recorded</source>
        <translation>无班次记录</translation>
    </message>
    <message>
        <source>sign-in is not available here: give reasons on the line&apos;s HMI</source>
        <translation>此处无法登录：请在产线 HMI 上填写原因</translation>
    </message>
    <message>
        <source>reason given: {0}</source>
        <translation>已填写原因：{0}</translation>
    </message>
</context>
<context>
    <name>OpcUaBrowserScreen</name>
    <message>
        <source>OPC UA browser</source>
        <translation>OPC UA 浏览器</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>Security mode</source>
        <translation>安全模式</translation>
    </message>
    <message>
        <source>Security policy</source>
        <translation>安全策略</translation>
    </message>
    <message>
        <source>User tokens</source>
        <translation>用户令牌</translation>
    </message>
    <message>
        <source>Level</source>
        <comment>security level</comment>
        <translation>等级</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Class</source>
        <comment>node class</comment>
        <translation>类别</translation>
    </message>
    <message>
        <source>Data type</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Add to trend</source>
        <translation>添加到趋势</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Target node id</source>
        <translation>目标节点 ID</translation>
    </message>
    <message>
        <source>Select a variable to see its value live</source>
        <translation>选择一个变量以查看其实时值</translation>
    </message>
    <message>
        <source>Browse</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>{0} is not an OPC UA endpoint like opc.tcp://192.168.0.10:4840</source>
        <translation>{0} 不是 OPC UA 端点（应类似 opc.tcp://192.168.0.10:4840）</translation>
    </message>
    <message>
        <source>Connecting to {0}…</source>
        <translation>正在连接 {0}…</translation>
    </message>
    <message>
        <source>endpoints listed: {0}; no session: {1}</source>
        <translation>已列出端点：{0}；无会话：{1}</translation>
    </message>
    <message>
        <source>; without security: {0} (browsing uses one)</source>
        <translation>；无安全：{0}（浏览使用其中一个）</translation>
    </message>
    <message>
        <source>Connected: endpoints: {0}{1}. Open a folder to browse it; select a node for its details.</source>
        <translation>已连接：端点：{0}{1}。展开文件夹进行浏览；选择节点查看详情。</translation>
    </message>
    <message>
        <source>subscribing…</source>
        <translation>正在订阅…</translation>
    </message>
    <message>
        <source>Select a variable to add it to the line config</source>
        <translation>选择一个变量以将其添加到产线配置</translation>
    </message>
    <message>
        <source>{0} is an {1}: select a variable to add it</source>
        <translation>{0} 是 {1}：请选择一个变量来添加</translation>
    </message>
    <message>
        <source>Trend {0}</source>
        <translation>趋势 {0}</translation>
    </message>
    <message>
        <source>Not a tag of the running line: add it to the line config first</source>
        <translation>不是运行中产线的变量：请先将其添加到产线配置</translation>
    </message>
    <message>
        <source>cannot subscribe: {0}</source>
        <translation>无法订阅：{0}</translation>
    </message>
    <message>
        <source>source {0}  (age {1} s)</source>
        <translation>源时间 {0}  （时长 {1} 秒）</translation>
    </message>
    <message>
        <source>forward</source>
        <comment>reference direction</comment>
        <translation>正向</translation>
    </message>
    <message>
        <source>inverse</source>
        <comment>reference direction</comment>
        <translation>反向</translation>
    </message>
</context>
<context>
    <name>PackML</name>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Resetting</source>
        <translation>复位中</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <source>Execute</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Completing</source>
        <translation>完成中</translation>
    </message>
    <message>
        <source>Complete</source>
        <comment>state</comment>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Aborting</source>
        <translation>中止中</translation>
    </message>
    <message>
        <source>Aborted</source>
        <translation>已中止</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>Clearing</source>
        <translation>清除中</translation>
    </message>
    <message>
        <source>Suspending</source>
        <translation>挂起中</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <source>Unsuspending</source>
        <translation>解除挂起中</translation>
    </message>
    <message>
        <source>Holding</source>
        <translation>保持中</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>已保持</translation>
    </message>
    <message>
        <source>Unholding</source>
        <translation>解除保持中</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>复位</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>保持</translation>
    </message>
    <message>
        <source>Unhold</source>
        <translation>解除保持</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Unsuspend</source>
        <translation>解除挂起</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Complete</source>
        <comment>command</comment>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>ParamPhase</name>
    <message>
        <source>pending</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>staged</source>
        <translation>已暂存</translation>
    </message>
    <message>
        <source>written</source>
        <translation>已写入</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>已校验</translation>
    </message>
    <message>
        <source>mismatch</source>
        <translation>不一致</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>not_restored</source>
        <translation>未恢复</translation>
    </message>
</context>
<context>
    <name>PeriodButtons</name>
    <message>
        <source>1 h</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>10 min</source>
        <translation>10 分钟</translation>
    </message>
    <message>
        <source>8 h</source>
        <translation>8 小时</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 小时</translation>
    </message>
    <message>
        <source>7 d</source>
        <translation>7 天</translation>
    </message>
    <message>
        <source>30 d</source>
        <translation>30 天</translation>
    </message>
    <message>
        <source>90 d</source>
        <translation>90 天</translation>
    </message>
</context>
<context>
    <name>PointPanel</name>
    <message>
        <source>test value</source>
        <translation>测试值</translation>
    </message>
    <message>
        <source>Keypad</source>
        <translation>数字键盘</translation>
    </message>
    <message>
        <source>Write test value</source>
        <translation>写入测试值</translation>
    </message>
    <message>
        <source>note (a failed point needs one)</source>
        <translation>备注（不合格点必须填写）</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>键盘</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>enter a test value first</source>
        <translation>请先输入测试值</translation>
    </message>
    <message>
        <source>{0} is no bool: enter true or false</source>
        <translation>{0} 不是布尔值：请输入 true 或 false</translation>
    </message>
    <message>
        <source>{0} is no whole number</source>
        <translation>{0} 不是整数</translation>
    </message>
    <message>
        <source>{0} is no number</source>
        <translation>{0} 不是数字</translation>
    </message>
</context>
<context>
    <name>Quality</name>
    <message>
        <source>GOOD</source>
        <translation>良好</translation>
    </message>
    <message>
        <source>UNCERTAIN</source>
        <translation>不确定</translation>
    </message>
    <message>
        <source>BAD</source>
        <translation>坏值</translation>
    </message>
    <message>
        <source>STALE</source>
        <translation>过时</translation>
    </message>
    <message>
        <source>COMM_LOST</source>
        <translation>通信中断</translation>
    </message>
</context>
<context>
    <name>RangePickerDialog</name>
    <message>
        <source>−1 d</source>
        <translation>−1 天</translation>
    </message>
    <message>
        <source>−1 h</source>
        <translation>−1 小时</translation>
    </message>
    <message>
        <source>−10 min</source>
        <translation>−10 分钟</translation>
    </message>
    <message>
        <source>+10 min</source>
        <translation>+10 分钟</translation>
    </message>
    <message>
        <source>+1 h</source>
        <translation>+1 小时</translation>
    </message>
    <message>
        <source>+1 d</source>
        <translation>+1 天</translation>
    </message>
    <message>
        <source>Trend range</source>
        <translation>趋势时间范围</translation>
    </message>
    <message>
        <source>Show the last</source>
        <translation>显示最近</translation>
    </message>
    <message>
        <source>Or a range of</source>
        <translation>或选择时长</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Show this range</source>
        <translation>显示此时间段</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>{0}  to  {1}</source>
        <comment>a time range</comment>
        <translation>{0}  至  {1}</translation>
    </message>
</context>
<context>
    <name>ReasonPanel</name>
    <message>
        <source>reason (journal and audit trail)</source>
        <translation>原因（记入日志和审计追踪）</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>One-shot</source>
        <translation>单次</translation>
    </message>
    <message>
        <source>Also ends when the alarm next clears</source>
        <translation>报警下次消除时也结束</translation>
    </message>
    <message>
        <source>({0} more waiting)</source>
        <translation>（另有 {0} 个等待）</translation>
    </message>
    <message>
        <source>Reason needed: {0}</source>
        <translation>需要原因：{0}</translation>
    </message>
    <message>
        <source>Touch the reason for this stop (most likely first).</source>
        <translation>请点击此次停机的原因（最可能的在前）。</translation>
    </message>
    <message>
        <source>Suggested from {0}: {1}</source>
        <translation>根据 {0} 建议：{1}</translation>
    </message>
</context>
<context>
    <name>RecipeMessages</name>
    <message>
        <source>{version} is {status}: it cannot become {to} (from {status} it may become {allowed})</source>
        <translation>{version} 的状态为{status}：不能变为{to}（从{status}只能变为：{allowed}）</translation>
    </message>
    <message>
        <source>nothing (final)</source>
        <translation>无（最终状态）</translation>
    </message>
    <message>
        <source>{version}: the signature means {means}; approval needs a signature meaning &apos;approved&apos;</source>
        <translation>{version}：签名含义为 {means}；批准需要含义为 &apos;approved&apos; 的签名</translation>
    </message>
    <message>
        <source>{version}: {user} wrote this version and cannot approve it; another person must sign (two-person rule)</source>
        <translation>{version}：{user} 编写了此版本，不能批准它；须由另一人签名（双人原则）</translation>
    </message>
    <message>
        <source>{version}: the signature was made over content {signed}…, the version is {content}…; sign the version as it is now</source>
        <translation>{version}：签名针对的内容为 {signed}…，而该版本为 {content}…；请签署当前版本</translation>
    </message>
    <message>
        <source>{version} is {status}: not even a trial may run it</source>
        <translation>{version} 的状态为{status}：即使试产也不得运行</translation>
    </message>
    <message>
        <source>{version} is {status}: only an Effective version may run in production (a Draft runs only in trial mode)</source>
        <translation>{version} 的状态为{status}：只有生效版本可用于生产（草稿只能在试产模式下运行）</translation>
    </message>
    <message>
        <source>{version} is {status}: only an Effective version may run in production</source>
        <translation>{version} 的状态为{status}：只有生效版本可用于生产</translation>
    </message>
    <message>
        <source>parameter {who}: {value} is not true/false</source>
        <translation>参数 {who}：{value} 不是 true/false</translation>
    </message>
    <message>
        <source>parameter {who}: {value} is not a number</source>
        <translation>参数 {who}：{value} 不是数字</translation>
    </message>
    <message>
        <source>parameter {who}: {value} is not a whole number</source>
        <translation>参数 {who}：{value} 不是整数</translation>
    </message>
    <message>
        <source>parameter {who}: {value} is not a finite number</source>
        <translation>参数 {who}：{value} 不是有限数</translation>
    </message>
    <message>
        <source>parameter {who}: {value}{unit} is below its low limit {low}{unit}; enter a value from {low} up</source>
        <translation>参数 {who}：{value}{unit} 低于下限 {low}{unit}；请输入不小于 {low} 的值</translation>
    </message>
    <message>
        <source>parameter {who}: {value}{unit} is above its high limit {high}{unit}; enter a value up to {high}</source>
        <translation>参数 {who}：{value}{unit} 高于上限 {high}{unit}；请输入不大于 {high} 的值</translation>
    </message>
    <message>
        <source>parameter {who}: data type {type} is not one of {types}</source>
        <translation>参数 {who}：数据类型 {type} 不是 {types} 之一</translation>
    </message>
    <message>
        <source>parameter {who}: tag must be `station.signal`</source>
        <translation>参数 {who}：变量必须为 `station.signal` 格式</translation>
    </message>
    <message>
        <source>low limit</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>low warning</source>
        <translation>下警告限</translation>
    </message>
    <message>
        <source>high warning</source>
        <translation>上警告限</translation>
    </message>
    <message>
        <source>high limit</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>parameter {who}: {limit_a} {a} is above {limit_b} {b}</source>
        <translation>参数 {who}：{limit_a} {a} 高于 {limit_b} {b}</translation>
    </message>
    <message>
        <source>parameter {who}: tolerance {tolerance} must be 0 or more</source>
        <translation>参数 {who}：公差 {tolerance} 必须大于或等于 0</translation>
    </message>
    <message>
        <source>parameter {who}: read-back with tolerance is for floats; use exact</source>
        <translation>参数 {who}：带公差的回读仅适用于浮点数；请使用精确比较</translation>
    </message>
    <message>
        <source>parameter {tag}: listed twice; keep one</source>
        <translation>参数 {tag}：重复列出；只保留一个</translation>
    </message>
    <message>
        <source>recipe {recipe} has no Effective version; approve and release one first</source>
        <translation>配方 {recipe} 没有生效版本；请先批准并发布一个版本</translation>
    </message>
    <message>
        <source>{version} is {author}&apos;s draft; {user} may start a new version from it instead</source>
        <translation>{version} 是 {author} 的草稿；{user} 可改为以它为基础新建一个版本</translation>
    </message>
    <message>
        <source>{version} left Draft meanwhile; edit again to make a new version</source>
        <translation>{version} 已不再是草稿；请重新编辑以新建版本</translation>
    </message>
    <message>
        <source>a rejection needs a reason the author can act on</source>
        <translation>驳回需要填写作者可据以修改的原因</translation>
    </message>
    <message>
        <source>{version} changed status meanwhile; look again</source>
        <translation>{version} 的状态已被更改；请重新查看</translation>
    </message>
    <message>
        <source>recipe {recipe}: another version was saved at the same moment; save again</source>
        <translation>配方 {recipe}：同一时刻已保存了另一个版本；请重新保存</translation>
    </message>
    <message>
        <source>recipe {recipe} has no version {version}</source>
        <translation>配方 {recipe} 没有版本 {version}</translation>
    </message>
    <message>
        <source>no recipe {recipe}; `lineside recipe list` shows the recipes there are</source>
        <translation>没有配方 {recipe}；`lineside recipe list` 可列出现有配方</translation>
    </message>
    <message>
        <source>cannot be read ({why})</source>
        <translation>无法读取（{why}）</translation>
    </message>
    <message>
        <source>{where}{key}: {value} is missing or not {kind}</source>
        <translation>{where}{key}：{value} 缺失或不是{kind}</translation>
    </message>
    <message>
        <source>schema: must be {schema}</source>
        <translation>schema：必须为 {schema}</translation>
    </message>
    <message>
        <source>stations: list station ids as strings</source>
        <translation>stations：请以文本列出工位标识</translation>
    </message>
    <message>
        <source>items[{index}]: write each item as an [[items]] table</source>
        <translation>items[{index}]：每个检查项请写成 [[items]] 表</translation>
    </message>
    <message>
        <source>item {item}: </source>
        <translation>检查项 {item}：</translation>
    </message>
    <message>
        <source>{where}id: listed twice</source>
        <translation>{where}id：重复列出</translation>
    </message>
    <message>
        <source>{where}station: {value} is not a station id</source>
        <translation>{where}station：{value} 不是工位标识</translation>
    </message>
    <message>
        <source>{where}subgroups: {value} is not a whole number from 1 to 100</source>
        <translation>{where}subgroups：{value} 不是 1 到 100 之间的整数</translation>
    </message>
    <message>
        <source>{where}kind: {value} is not auto, manual or spc</source>
        <translation>{where}kind：{value} 不是 auto、manual 或 spc</translation>
    </message>
    <message>
        <source>{where}{key}: {value} is not a finite number</source>
        <translation>{where}{key}：{value} 不是有限数值</translation>
    </message>
    <message>
        <source>{where}hold_s and within must be 0 or more</source>
        <translation>{where}hold_s 和 within 必须大于或等于 0</translation>
    </message>
    <message>
        <source>{where}needs below, above or within</source>
        <translation>{where}需要 below、above 或 within</translation>
    </message>
    <message>
        <source>{where}within needs `of` (a tag) or `value`</source>
        <translation>{where}within 需要 `of`（变量）或 `value`</translation>
    </message>
    <message>
        <source>{where}of: {value} is not a tag id</source>
        <translation>{where}of：{value} 不是变量标识</translation>
    </message>
    <message>
        <source>a text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>a list [ ... ]</source>
        <translation>列表 [ ... ]</translation>
    </message>
    <message>
        <source>must be one JSON object</source>
        <translation>必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>missing: a recipe file has {key} (export the recipe again)</source>
        <translation>缺失：配方文件应包含 {key}（请重新导出配方）</translation>
    </message>
    <message>
        <source>{value} needs station and requirement</source>
        <translation>{value} 需要 station 和 requirement</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>必须是对象</translation>
    </message>
    <message>
        <source>listed twice; keep one</source>
        <translation>重复列出；只保留一个</translation>
    </message>
    <message>
        <source>{value} is not a version number (1 and up)</source>
        <translation>{value} 不是版本号（从 1 起）</translation>
    </message>
    <message>
        <source>not readable CSV: {detail}</source>
        <translation>无法读取的 CSV：{detail}</translation>
    </message>
    <message>
        <source>needs station and requirement</source>
        <translation>需要 station 和 requirement</translation>
    </message>
    <message>
        <source>needs one value, found {count}</source>
        <translation>需要一个值，实际为 {count} 个</translation>
    </message>
    <message>
        <source>missing: a recipe file has a {key} row (export the recipe again)</source>
        <translation>缺失：配方文件应包含 {key} 行（请重新导出配方）</translation>
    </message>
    <message>
        <source>missing the header row {columns}</source>
        <translation>缺少表头行 {columns}</translation>
    </message>
    <message>
        <source>must be {columns}</source>
        <translation>必须为 {columns}</translation>
    </message>
    <message>
        <source>has {count} cells, needs {needed}</source>
        <translation>有 {count} 个单元格，需要 {needed} 个</translation>
    </message>
    <message>
        <source>is not a whole number</source>
        <translation>不是整数</translation>
    </message>
    <message>
        <source>is not a version number (1 and up)</source>
        <translation>不是版本号（从 1 起）</translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <translation>{value} 不是数字</translation>
    </message>
    <message>
        <source>{value} is not true/false</source>
        <translation>{value} 不是 true/false</translation>
    </message>
    <message>
        <source>{value} is not a `station.signal` tag</source>
        <translation>{value} 不是 `station.signal` 格式的变量</translation>
    </message>
    <message>
        <source>{value} is not valid here: give {expected}</source>
        <translation>{value} 在此无效：请填写{expected}</translation>
    </message>
    <message>
        <source>{value} is not one of {choices}</source>
        <translation>{value} 不是 {choices} 之一</translation>
    </message>
    <message>
        <source>is too large for a PLC integer</source>
        <translation>超出 PLC 整数范围</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>{value} is not a finite number</source>
        <translation>{value} 不是有限数值</translation>
    </message>
    <message>
        <source>holds a lone UTF-16 surrogate (a broken \uXXXX escape): retype that text</source>
        <translation>包含孤立的 UTF-16 代理项（损坏的 \uXXXX 转义）：请重新输入该文本</translation>
    </message>
    <message>
        <source>{schema} is not {expected} (a file from a newer Lineside, or no recipe file)</source>
        <translation>{schema} 不是 {expected}（来自更新版本的 Lineside 的文件，或不是配方文件）</translation>
    </message>
    <message>
        <source>does not match the content: the file was changed after export (tampered or edited by hand); export it again from its source</source>
        <translation>与内容不符：文件在导出后被更改（被篡改或手工编辑）；请从源系统重新导出</translation>
    </message>
    <message>
        <source>not UTF-8 text: byte {byte} at column {column} (save the file as UTF-8)</source>
        <translation>不是 UTF-8 文本：第 {column} 列的字节 {byte}（请将文件另存为 UTF-8）</translation>
    </message>
    <message>
        <source>not valid TOML: {detail} (column {column})</source>
        <translation>不是有效的 TOML：{detail}（第 {column} 列）</translation>
    </message>
    <message>
        <source>not valid TOML: {detail} (at the end of the file)</source>
        <translation>不是有效的 TOML：{detail}（位于文件末尾）</translation>
    </message>
    <message>
        <source>not usable TOML: arrays or tables nested too deep</source>
        <translation>无法使用的 TOML：数组或表嵌套过深</translation>
    </message>
    <message>
        <source>not usable TOML: a number with more than 4300 digits</source>
        <translation>无法使用的 TOML：数字超过 4300 位</translation>
    </message>
    <message>
        <source>not valid JSON: {detail} (column {column})</source>
        <translation>不是有效的 JSON：{detail}（第 {column} 列）</translation>
    </message>
    <message>
        <source>not usable JSON: arrays or objects nested too deep</source>
        <translation>无法使用的 JSON：数组或对象嵌套过深</translation>
    </message>
    <message>
        <source>not usable JSON: a number with more than 4300 digits</source>
        <translation>无法使用的 JSON：数字超过 4300 位</translation>
    </message>
</context>
<context>
    <name>RecipeScreen</name>
    <message>
        <source>Recipes</source>
        <translation>配方</translation>
    </message>
    <message>
        <source>Import recipe files</source>
        <translation>导入配方文件</translation>
    </message>
    <message>
        <source>Compare with the PLCs</source>
        <translation>与 PLC 对比</translation>
    </message>
    <message>
        <source>Teach in (new draft)</source>
        <translation>示教（新草稿）</translation>
    </message>
    <message>
        <source>Change setpoint…</source>
        <translation>修改设定值…</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Approve (sign)…</source>
        <translation>批准（签名）…</translation>
    </message>
    <message>
        <source>Release (sign)…</source>
        <translation>放行（签名）…</translation>
    </message>
    <message>
        <source>No recipes yet: import recipe files (from {0}).</source>
        <translation>尚无配方：请导入配方文件（来自 {0}）。</translation>
    </message>
    <message>
        <source>{0}: v{1} {2}, v{3} effective</source>
        <translation>{0}：v{1} {2}，v{3} 生效</translation>
    </message>
    <message>
        <source>{0}: v{1} {2}, none effective</source>
        <translation>{0}：v{1} {2}，无生效版本</translation>
    </message>
    <message>
        <source>Imported as Drafts: {0}</source>
        <translation>已作为草稿导入：{0}</translation>
    </message>
    <message>
        <source>No recipe files in {0}.</source>
        <translation>{0} 中没有配方文件。</translation>
    </message>
    <message>
        <source>Touch the parameter to change in the table first.</source>
        <translation>请先在表格中点击要修改的参数。</translation>
    </message>
    <message>
        <source>{0} v{1}: a Draft taught from the PLCs</source>
        <translation>{0} v{1}：由 PLC 示教生成的草稿</translation>
    </message>
    <message>
        <source>{0} v{1} Effective, released by {2} (signature #{3})</source>
        <translation>{0} v{1} 已生效，由 {2} 放行（签名 #{3}）</translation>
    </message>
    <message>
        <source>{0} v{1} approved by {2} (signature #{3})</source>
        <translation>{0} v{1} 已由 {2} 批准（签名 #{3}）</translation>
    </message>
    <message numerus="yes">
        <source>Recipe {0} version {1} (%n parameter(s), by {2})</source>
        <translation>
            <numerusform>配方 {0} 版本 {1}（%n 个参数，作者 {2}）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecipeStatus</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>InReview</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>生效</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>已取代</translation>
    </message>
    <message>
        <source>Obsolete</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
</context>
<context>
    <name>RecipeVersionView</name>
    <message>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>Setpoint</source>
        <translation>设定值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>High</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>关键</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>精确</translation>
    </message>
    <message>
        <source>tolerance</source>
        <translation>容差</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>人工</translation>
    </message>
    <message>
        <source>The PLCs hold v{0}: every parameter matches.</source>
        <translation>PLC 中为 v{0}：所有参数一致。</translation>
    </message>
    <message numerus="yes">
        <source>The PLCs differ from v{0} in %n parameter(s):</source>
        <translation>
            <numerusform>PLC 与 v{0} 有 %n 个参数不同：</numerusform>
        </translation>
    </message>
    <message>
        <source>not readable</source>
        <translation>不可读</translation>
    </message>
    <message>
        <source>{0}: recipe {1}, PLC {2}</source>
        <translation>{0}：配方 {1}，PLC {2}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0} v{1}&lt;/b&gt; — {2}; {3}, {4}; by {5}&lt;br&gt;content hash {6}…</source>
        <translation>&lt;b&gt;{0} v{1}&lt;/b&gt; — {2}；{3}，{4}；作者 {5}&lt;br&gt;内容哈希 {6}…</translation>
    </message>
    <message>
        <source>yes</source>
        <comment>a critical parameter</comment>
        <translation>是</translation>
    </message>
    <message>
        <source>The first version.</source>
        <translation>第一个版本。</translation>
    </message>
    <message>
        <source>Changes from v{0}:</source>
        <translation>相对 v{0} 的变更：</translation>
    </message>
    <message>
        <source>Same parameters as v{0}.</source>
        <translation>参数与 v{0} 相同。</translation>
    </message>
</context>
<context>
    <name>RestoreMessages</name>
    <message>
        <source>step {step} needs {seen}</source>
        <translation>步骤 {step} 需要 {seen}</translation>
    </message>
    <message>
        <source>verified running: {result}</source>
        <translation>已确认运行：{result}</translation>
    </message>
    <message>
        <source>abandoned by {user}: {reason}</source>
        <translation>已由 {user} 放弃：{reason}</translation>
    </message>
    <message>
        <source>step {step}: say what was done (a note is needed)</source>
        <translation>步骤 {step}：请说明做了什么（需要备注）</translation>
    </message>
    <message>
        <source>confirmed: {note}</source>
        <translation>已确认：{note}</translation>
    </message>
    <message>
        <source>step {step} needs {user}&apos;s e-signature: enter the password</source>
        <translation>步骤 {step} 需要 {user} 的电子签名：请输入密码</translation>
    </message>
    <message>
        <source>signed ({meaning}): {note}</source>
        <translation>已签名（{meaning}）：{note}</translation>
    </message>
    <message>
        <source>no recipe value for {tag}, and none recorded when the run started: set the setpoint by hand, then go on</source>
        <translation>{tag} 没有配方值，开始时也未记录：请手动设置设定值后继续</translation>
    </message>
    <message>
        <source>{user} ({role}) may not do step {step}: it needs {roles}</source>
        <translation>{user}（{role}）不能执行步骤 {step}：需要 {roles}</translation>
    </message>
    <message>
        <source>{user} ({role}) may not do step {step}: it needs {first} or {second}</source>
        <translation>{user}（{role}）不能执行步骤 {step}：需要 {first} 或 {second}</translation>
    </message>
    <message>
        <source>{user} ({role}) may not do step {step}: it needs one of {roles}</source>
        <translation>{user}（{role}）不能执行步骤 {step}：需要以下角色之一：{roles}</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>无角色</translation>
    </message>
    <message>
        <source>{step} no longer holds: {seen}</source>
        <translation>{step} 不再满足：{seen}</translation>
    </message>
    <message>
        <source>the conditions of {steps} cannot be judged: their tags have no live value (check the PLC links)</source>
        <translation>无法判断 {steps} 的条件：其变量没有实时值（请检查 PLC 连接）</translation>
    </message>
    <message>
        <source>{tag} has no live value {purpose}</source>
        <translation>{tag} 没有实时值，无法{purpose}</translation>
    </message>
    <message>
        <source>PLC refused {tag} = {value}: {why}</source>
        <translation>PLC 拒绝了 {tag} = {value}：{why}</translation>
    </message>
    <message>
        <source>{seen} (held {held} of {hold} s)</source>
        <translation>{seen}（已保持 {held}/{hold} 秒）</translation>
    </message>
    <message>
        <source>waiting: {seen}</source>
        <translation>等待中：{seen}</translation>
    </message>
    <message>
        <source>waiting for live values: {seen}</source>
        <translation>等待实时值：{seen}</translation>
    </message>
    <message>
        <source>{what} not reached for {hold} s within {timeout} s: {seen}</source>
        <translation>{what} 未能在 {timeout} 秒内保持 {hold} 秒：{seen}</translation>
    </message>
    <message>
        <source>{what} not reached within {timeout} s: {seen}</source>
        <translation>{what} 未能在 {timeout} 秒内达到：{seen}</translation>
    </message>
    <message>
        <source>check {step}</source>
        <translation>检查 {step}</translation>
    </message>
    <message>
        <source>to copy to {tag}</source>
        <translation>复制到 {tag}</translation>
    </message>
    <message>
        <source>sent {sent}</source>
        <translation>已发送 {sent}</translation>
    </message>
    <message>
        <source>effect of {step}</source>
        <translation>{step} 的效果</translation>
    </message>
    <message>
        <source>sent {sent}; {seen}</source>
        <translation>已发送 {sent}；{seen}</translation>
    </message>
    <message>
        <source>to ramp from</source>
        <translation>作为斜坡起点</translation>
    </message>
    <message>
        <source>{tag} at {sp}: waiting for a live {pv}</source>
        <translation>{tag} 为 {sp}：等待 {pv} 的实时值</translation>
    </message>
    <message>
        <source>ramp of {tag} stopped at {sp}: {pv} deviates {deviation} &gt; {limit}</source>
        <translation>{tag} 的斜坡停在 {sp}：{pv} 偏差 {deviation} &gt; {limit}</translation>
    </message>
    <message>
        <source>{tag} at {sp} of {target}</source>
        <translation>{tag} 当前 {sp}，目标 {target}</translation>
    </message>
    <message>
        <source>{tag} at {sp} of {target}, {pv} off by {deviation}</source>
        <translation>{tag} 当前 {sp}，目标 {target}，{pv} 偏差 {deviation}</translation>
    </message>
    <message>
        <source>ramp of {tag} did not reach {target} within {timeout} s (at {sp})</source>
        <translation>{tag} 的斜坡未在 {timeout} 秒内达到 {target}（当前 {sp}）</translation>
    </message>
    <message>
        <source>{tag} ramped to {target} at {rate}/s in {took} s, paused {paused} s on deviation</source>
        <translation>{tag} 以 {rate}/秒 在 {took} 秒内升至 {target}，因偏差暂停 {paused} 秒</translation>
    </message>
    <message>
        <source>{tag} ramped to {target} at {rate}/s in {took} s</source>
        <translation>{tag} 以 {rate}/秒 在 {took} 秒内升至 {target}</translation>
    </message>
    <message>
        <source>{pv} or its reference has no live value</source>
        <translation>{pv} 或其参考值没有实时值</translation>
    </message>
    <message>
        <source>{pv} = {value}, band {ref} ± {band}</source>
        <translation>{pv} = {value}，范围 {ref} ± {band}</translation>
    </message>
    <message>
        <source>{pv} = {value}, spread {spread} of {band}</source>
        <translation>{pv} = {value}，波动 {spread}（允许 {band}）</translation>
    </message>
    <message>
        <source>stable {hold} s: {seen}</source>
        <translation>稳定 {hold} 秒：{seen}</translation>
    </message>
    <message>
        <source>{seen} (stable {held} of {hold} s)</source>
        <translation>{seen}（已稳定 {held}/{hold} 秒）</translation>
    </message>
    <message>
        <source>{pv} not stable for {hold} s within {timeout} s: {seen}</source>
        <translation>{pv} 未能在 {timeout} 秒内稳定 {hold} 秒：{seen}</translation>
    </message>
</context>
<context>
    <name>RestoreScreen</name>
    <message>
        <source>Resume it</source>
        <translation>继续</translation>
    </message>
    <message numerus="yes">
        <source>{0}  ({1}, %n step(s))</source>
        <translation>
            <numerusform>{0}  （{1}，%n 步）</numerusform>
        </translation>
    </message>
    <message>
        <source>Start restore</source>
        <translation>开始恢复</translation>
    </message>
    <message>
        <source>Restore times…</source>
        <translation>恢复用时…</translation>
    </message>
    <message>
        <source>note: what was done (or why abandoned)</source>
        <translation>备注：做了什么（或放弃原因）</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>键盘</translation>
    </message>
    <message>
        <source>Do step</source>
        <translation>执行步骤</translation>
    </message>
    <message>
        <source>Procedures</source>
        <translation>程序列表</translation>
    </message>
    <message>
        <source>Abandon…</source>
        <translation>放弃…</translation>
    </message>
    <message>
        <source>✗ alarm {0} names procedure &apos;{1}&apos;, which is not among the loaded procedures ({2})</source>
        <translation>✗ 报警 {0} 指定的程序“{1}”不在已加载的程序中（{2}）</translation>
    </message>
    <message>
        <source>No fault context: choose a procedure and start it (the fault time is then the start).</source>
        <translation>无故障上下文：请选择程序并开始（故障时间即为开始时间）。</translation>
    </message>
    <message>
        <source>first out {0}</source>
        <translation>首发 {0}</translation>
    </message>
    <message>
        <source>{0} at {1}</source>
        <comment>station at time</comment>
        <translation>{0}，{1}</translation>
    </message>
    <message>
        <source>Fault {0} at {1} ({2}).</source>
        <translation>故障 {0}，位于 {1}（{2}）。</translation>
    </message>
    <message>
        <source>Unfinished restore: {0} for {1}, at step {2} of {3}, started by {4} {5}.</source>
        <translation>未完成的恢复：{0}，针对 {1}，第 {2}/{3} 步，由 {4} 于 {5} 开始。</translation>
    </message>
    <message>
        <source>✗ choose a procedure first</source>
        <translation>✗ 请先选择程序</translation>
    </message>
    <message>
        <source>✓ restore started: {0}</source>
        <translation>✓ 恢复已开始：{0}</translation>
    </message>
    <message>
        <source>✓ resumed at step {0}: {1}</source>
        <translation>✓ 已从第 {0} 步继续：{1}</translation>
    </message>
    <message>
        <source>Sent back to step {0}: {1}</source>
        <translation>退回到第 {0} 步：{1}</translation>
    </message>
    <message>
        <source>Step {0} refused: {1}</source>
        <translation>第 {0} 步被拒绝：{1}</translation>
    </message>
    <message>
        <source>✓ Verified running in {0} after the fault; downtime booked to {1}.</source>
        <translation>✓ 故障后 {0} 确认恢复运行；停机计入 {1}。</translation>
    </message>
    <message>
        <source>✓ Verified running after the fault; downtime booked to {0}.</source>
        <translation>✓ 故障后确认恢复运行；停机计入 {0}。</translation>
    </message>
    <message>
        <source>Abandoned: {0}</source>
        <translation>已放弃：{0}</translation>
    </message>
    <message>
        <source>Restore run: {0} — step {1} {2}</source>
        <translation>恢复运行：{0} — 第 {1} 步 {2}</translation>
    </message>
    <message>
        <source>✗ say why the restore is abandoned in the note, then Abandon again</source>
        <translation>✗ 请在备注中写明放弃原因，然后再次点击放弃</translation>
    </message>
    <message>
        <source>working…</source>
        <translation>执行中…</translation>
    </message>
    <message>
        <source>{0} since the fault</source>
        <translation>故障后 {0}</translation>
    </message>
    <message>
        <source>fault {0} at {1}{2} · step {3} of {4}{5}</source>
        <translation>故障 {0}，位于 {1}{2} · 第 {3}/{4} 步{5}</translation>
    </message>
</context>
<context>
    <name>RestoreStepPage</name>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Action (verified write)</source>
        <translation>操作（校验写入）</translation>
    </message>
    <message>
        <source>Confirm (a person)</source>
        <translation>确认（人工）</translation>
    </message>
    <message>
        <source>Ramp</source>
        <translation>斜坡</translation>
    </message>
    <message>
        <source>Wait until stable</source>
        <translation>等待稳定</translation>
    </message>
    <message>
        <source>{0}, e-signature: {1}</source>
        <translation>{0}，电子签名：{1}</translation>
    </message>
    <message>
        <source>{0} · may be done by {1}</source>
        <translation>{0} · 可执行者：{1}</translation>
    </message>
    <message>
        <source>Must hold for {0} s:</source>
        <translation>须保持 {0} s：</translation>
    </message>
    <message>
        <source>Must hold:</source>
        <translation>须满足：</translation>
    </message>
    <message>
        <source>Needs first:</source>
        <translation>前提条件：</translation>
    </message>
    <message>
        <source>the value of {0}</source>
        <translation>{0} 的值</translation>
    </message>
    <message>
        <source>Writes {0} := {1} (now {2})</source>
        <translation>写入 {0} := {1}（当前 {2}）</translation>
    </message>
    <message>
        <source>PackML command {0} to {1} (state now {2})</source>
        <translation>向 {1} 发送 PackML 命令 {0}（当前状态 {2}）</translation>
    </message>
    <message>
        <source>Then waits for:</source>
        <translation>然后等待：</translation>
    </message>
    <message>
        <source>Ramps {0} to {1} at {2}/s (now {3}); watches {4} (now {5})</source>
        <translation>以 {2}/s 将 {0} 斜坡调至 {1}（当前 {3}）；监视 {4}（当前 {5}）</translation>
    </message>
    <message>
        <source>its own level</source>
        <translation>其自身水平</translation>
    </message>
    <message>
        <source>{0} within ±{1} of {2} for {3} s (now {4})</source>
        <translation>{0} 在 {2} 的 ±{1} 范围内持续 {3} s（当前 {4}）</translation>
    </message>
    <message>
        <source>Write what was done in the note below, then Do step.</source>
        <translation>请在下方备注中写明所做的操作，然后点击执行步骤。</translation>
    </message>
    <message>
        <source>{0} (not yet)</source>
        <translation>{0}（尚未满足）</translation>
    </message>
    <message>
        <source>no value yet</source>
        <translation>尚无数值</translation>
    </message>
    <message>
        <source>not live ({0})</source>
        <translation>非实时（{0}）</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Viewer</source>
        <translation>查看者</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>班组长</translation>
    </message>
    <message>
        <source>ProcessEngineer</source>
        <translation>工艺工程师</translation>
    </message>
    <message>
        <source>QA</source>
        <translation>质量部门</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>维修</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>SecurityGate</name>
    <message>
        <source>security service failed: {0}: {1}</source>
        <translation>安全服务失败：{0}：{1}</translation>
    </message>
</context>
<context>
    <name>SecurityMessages</name>
    <message>
        <source>no administrator exists yet: create the first one (the HMI asks at start, or `lineside users init --user NAME --full-name TEXT --password-stdin`)</source>
        <translation>尚无管理员：请创建第一位管理员（HMI 启动时会询问，或使用 `lineside users init --user NAME --full-name TEXT --password-stdin`）</translation>
    </message>
    <message>
        <source>the password has {length} characters: use at least {minimum}</source>
        <translation>密码只有 {length} 个字符：至少需要 {minimum} 个</translation>
    </message>
    <message>
        <source>the password must not be the user name</source>
        <translation>密码不能与用户名相同</translation>
    </message>
    <message>
        <source>a PIN is {minimum} or more digits</source>
        <translation>PIN 至少为 {minimum} 位数字</translation>
    </message>
    <message>
        <source>nobody is logged in: log in</source>
        <translation>无人登录：请登录</translation>
    </message>
    <message>
        <source>nobody is logged in at this panel: log in to act</source>
        <translation>本操作面板无人登录：请登录后操作</translation>
    </message>
    <message>
        <source>the panel locked after {minutes} min without input: {user}, unlock with your password (or log in as another user)</source>
        <translation>面板在 {minutes} 分钟无输入后已锁定：{user}，请用密码解锁（或以其他用户登录）</translation>
    </message>
    <message>
        <source>the record hash must be a SHA-256 hex digest (64 characters)</source>
        <translation>记录哈希必须是 SHA-256 十六进制摘要（64 个字符）</translation>
    </message>
    <message>
        <source>a signature needs a reason: say what is signed and why</source>
        <translation>签名需要原因：说明签署的内容及原因</translation>
    </message>
    <message>
        <source>{user} already signed this record as {meaning}: a second, different person must sign</source>
        <translation>{user} 已以“{meaning}”签署此记录：必须由另一人签名</translation>
    </message>
    <message>
        <source>wrong user name or password</source>
        <translation>用户名或密码错误</translation>
    </message>
    <message>
        <source>the new password must differ from the old one</source>
        <translation>新密码必须与旧密码不同</translation>
    </message>
    <message>
        <source>wrong badge or PIN</source>
        <translation>工牌或 PIN 错误</translation>
    </message>
    <message>
        <source>{user} is disabled: ask an administrator</source>
        <translation>{user} 已停用：请联系管理员</translation>
    </message>
    <message>
        <source>an administrator exists already: ask them to add users</source>
        <translation>已有管理员：请由其添加用户</translation>
    </message>
    <message>
        <source>user &apos;{user}&apos; exists already: choose another name</source>
        <translation>用户“{user}”已存在：请另选名称</translation>
    </message>
    <message>
        <source>a badge id must not be empty</source>
        <translation>工牌号不能为空</translation>
    </message>
    <message>
        <source>badge {badge} belongs to {holder}: use another badge</source>
        <translation>工牌 {badge} 属于 {holder}：请使用其他工牌</translation>
    </message>
    <message>
        <source>user name &apos;{user}&apos;: 1-64 characters, no spaces around it</source>
        <translation>用户名“{user}”：1–64 个字符，前后不能有空格</translation>
    </message>
    <message>
        <source>the full name must not be empty (signatures print it)</source>
        <translation>全名不能为空（签名会打印全名）</translation>
    </message>
    <message>
        <source>name at least one station, or * for every station</source>
        <translation>请至少指定一个工位，或用 * 表示所有工位</translation>
    </message>
    <message>
        <source>no user &apos;{user}&apos;: see the user list</source>
        <translation>没有用户“{user}”：请查看用户列表</translation>
    </message>
    <message>
        <source>{user} is the last administrator: create another one first</source>
        <translation>{user} 是最后一位管理员：请先创建另一位</translation>
    </message>
    <message>
        <source>{user} is locked after too many failed attempts until later: wait, or ask an administrator to reset the password</source>
        <translation>{user} 因失败次数过多已被暂时锁定：请等待，或请管理员重置密码</translation>
    </message>
    <message>
        <source>{user} is locked after too many failed attempts until {time} UTC: wait, or ask an administrator to reset the password</source>
        <translation>{user} 因失败次数过多已被锁定至 {time} UTC：请等待，或请管理员重置密码</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <source>Electronic signature: {0}</source>
        <translation>电子签名：{0}</translation>
    </message>
    <message>
        <source>Record hash {0}</source>
        <translation>记录哈希 {0}</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>⌨ Keyboard</source>
        <translation>⌨ 键盘</translation>
    </message>
    <message>
        <source>Sign: {0}</source>
        <translation>签名：{0}</translation>
    </message>
    <message>
        <source>Enter your user id.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter your password: a signature needs it every time.</source>
        <translation>请输入密码：每次签名都需要。</translation>
    </message>
    <message>
        <source>Give a reason: it is stored with the signature.</source>
        <translation>请填写原因：它会与签名一起保存。</translation>
    </message>
</context>
<context>
    <name>SignatureMeaning</name>
    <message>
        <source>performed</source>
        <translation>已执行</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>已复核</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>released</source>
        <translation>已放行</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>已检查</translation>
    </message>
</context>
<context>
    <name>SpcMessages</name>
    <message>
        <source>no spec limits (lsl/usl) for this characteristic</source>
        <translation>此特性无规格限（lsl/usl）</translation>
    </message>
    <message>
        <source>Cp/Cpk: the chart is not in control ({rules})</source>
        <translation>Cp/Cpk：控制图未受控（{rules}）</translation>
    </message>
    <message>
        <source>Cp/Cpk: the chart is not in control</source>
        <translation>Cp/Cpk：控制图未受控</translation>
    </message>
    <message>
        <source>Cp/Cpk: {count} subgroups, at least {needed} needed</source>
        <translation>Cp/Cpk：{count} 个子组，至少需要 {needed} 个</translation>
    </message>
    <message>
        <source>Cp/Cpk: no spread within subgroups (sigma 0)</source>
        <translation>Cp/Cpk：子组内无离散（sigma 为 0）</translation>
    </message>
    <message>
        <source>Pp/Ppk: {count} values, at least {needed} needed</source>
        <translation>Pp/Ppk：{count} 个数值，至少需要 {needed} 个</translation>
    </message>
    <message>
        <source>Pp/Ppk: no spread in the values (sigma 0)</source>
        <translation>Pp/Ppk：数值无离散（sigma 为 0）</translation>
    </message>
    <message>
        <source>Cp/Pp: a one-sided spec has no Cp or Pp (Cpk/Ppk only)</source>
        <translation>Cp/Pp：单侧规格无 Cp 或 Pp（仅 Cpk/Ppk）</translation>
    </message>
    <message>
        <source>first {count} subgroups (provisional)</source>
        <translation>前 {count} 个子组（暂定）</translation>
    </message>
    <message>
        <source>first {count} subgroups</source>
        <translation>前 {count} 个子组</translation>
    </message>
    <message>
        <source>{characteristic} at {station}: {rule} {meaning} ({value})</source>
        <translation>{station} 的 {characteristic}：{rule} {meaning}（{value}）</translation>
    </message>
    <message>
        <source>{characteristic} back in control ({value})</source>
        <translation>{characteristic} 已恢复受控（{value}）</translation>
    </message>
</context>
<context>
    <name>SpcScreen</name>
    <message>
        <source>1 point beyond 3 sigma</source>
        <translation>1 点超出 3 sigma</translation>
    </message>
    <message>
        <source>2 of 3 points beyond 2 sigma, same side</source>
        <translation>3 点中有 2 点超出 2 sigma，同侧</translation>
    </message>
    <message>
        <source>4 of 5 points beyond 1 sigma, same side</source>
        <translation>5 点中有 4 点超出 1 sigma，同侧</translation>
    </message>
    <message>
        <source>8 points in a row on one side of the center</source>
        <translation>连续 8 点位于中心线同一侧</translation>
    </message>
    <message>
        <source>9 points in a row on one side of the center</source>
        <translation>连续 9 点位于中心线同一侧</translation>
    </message>
    <message>
        <source>6 points in a row steadily increasing or decreasing</source>
        <translation>连续 6 点持续上升或下降</translation>
    </message>
    <message>
        <source>14 points in a row alternating up and down</source>
        <translation>连续 14 点交替上下</translation>
    </message>
    <message>
        <source>15 points in a row within 1 sigma</source>
        <translation>连续 15 点位于 1 sigma 内</translation>
    </message>
    <message>
        <source>8 points in a row outside 1 sigma, both sides</source>
        <translation>连续 8 点位于 1 sigma 外，两侧</translation>
    </message>
    <message>
        <source>range beyond its upper control limit</source>
        <translation>极差超出其控制上限</translation>
    </message>
    <message>
        <source>not computed</source>
        <translation>未计算</translation>
    </message>
    <message>
        <source>not capable</source>
        <translation>能力不足</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>capable</source>
        <translation>能力充分</translation>
    </message>
    <message>
        <source>Capability: no control limits yet (fewer than 2 subgroups)</source>
        <translation>过程能力：尚无控制限（子组少于 2 个）</translation>
    </message>
    <message>
        <source>({0}; {1} subgroups)</source>
        <translation>（{0}；{1} 个子组）</translation>
    </message>
    <message>
        <source>Cpk below {0}: a critical characteristic: the lot is held</source>
        <translation>Cpk 低于 {0}：关键特性：该批次已冻结</translation>
    </message>
    <message>
        <source>Not computed: {0}</source>
        <translation>未计算：{0}</translation>
    </message>
    <message>
        <source>{0} at {1}: {2}</source>
        <comment>rule at time: meaning</comment>
        <translation>{0}，{1}：{2}</translation>
    </message>
    <message>
        <source>Limits are provisional: {0} of {1} samples taken.</source>
        <translation>控制限为临时值：已取 {0} / {1} 组样本。</translation>
    </message>
    <message>
        <source>No control limits yet: {0} of {1} samples taken.</source>
        <translation>尚无控制限：已取 {0} / {1} 组样本。</translation>
    </message>
    <message>
        <source>Final limits in about {0} min of production.</source>
        <translation>约再生产 {0} 分钟后得到最终控制限。</translation>
    </message>
    <message>
        <source>Until then SPC raises no alarm.</source>
        <translation>在此之前 SPC 不会触发报警。</translation>
    </message>
    <message>
        <source>{0} at {1} (critical)</source>
        <comment>characteristic at station</comment>
        <translation>{1} 的 {0}（关键）</translation>
    </message>
    <message>
        <source>{0} at {1}</source>
        <comment>characteristic at station</comment>
        <translation>{1} 的 {0}</translation>
    </message>
    <message>
        <source>No SPC characteristics in the line config: add [[production.characteristics]] tables</source>
        <translation>产线配置中没有 SPC 特性：请添加 [[production.characteristics]] 表</translation>
    </message>
    <message>
        <source>(limits from {0}); points: {1}</source>
        <translation>（控制限来自{0}）；点数：{1}</translation>
    </message>
    <message>
        <source>No rule violations: the chart is in control</source>
        <translation>无判异规则触发：控制图受控</translation>
    </message>
</context>
<context>
    <name>StationScreen</name>
    <message>
        <source>Process values</source>
        <translation>过程值</translation>
    </message>
    <message>
        <source>Control loop</source>
        <translation>控制回路</translation>
    </message>
    <message>
        <source>Interlocks and permissives</source>
        <translation>联锁与许可</translation>
    </message>
    <message>
        <source>Setpoints (touch to change)</source>
        <translation>设定值（点击修改）</translation>
    </message>
    <message>
        <source>Reset trip</source>
        <translation>复位跳闸</translation>
    </message>
    <message>
        <source>State unknown</source>
        <translation>状态未知</translation>
    </message>
    <message>
        <source>TRIPPED</source>
        <translation>已跳闸</translation>
    </message>
    <message>
        <source>clear</source>
        <comment>interlock</comment>
        <translation>正常</translation>
    </message>
    <message>
        <source>made</source>
        <comment>permissive</comment>
        <translation>已满足</translation>
    </message>
    <message>
        <source>NOT MADE</source>
        <translation>未满足</translation>
    </message>
</context>
<context>
    <name>StationTile</name>
    <message>
        <source>State unknown</source>
        <translation>状态未知</translation>
    </message>
    <message>
        <source>State {0}</source>
        <translation>状态 {0}</translation>
    </message>
    <message>
        <source>TRIP</source>
        <translation>跳闸</translation>
    </message>
    <message>
        <source>zone &gt; {0} K</source>
        <translation>温区 &gt; {0} K</translation>
    </message>
</context>
<context>
    <name>StatusLamp</name>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>已断开</translation>
    </message>
</context>
<context>
    <name>StepState</name>
    <message>
        <source>to do</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
</context>
<context>
    <name>StepWizard</name>
    <message>
        <source>Abort</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>TagTile</name>
    <message>
        <source>{0}: double-click or long-press for its trend</source>
        <translation>{0}：双击或长按查看趋势</translation>
    </message>
</context>
<context>
    <name>TagTrendDialog</name>
    <message>
        <source>Trend: {0}</source>
        <translation>趋势：{0}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <source>⇧ Shift</source>
        <translation>⇧ 大写</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
</context>
<context>
    <name>TrendScreen</name>
    <message>
        <source>Range…</source>
        <translation>时间范围…</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>对比…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Could not write {0}: check the folder is writable</source>
        <translation>无法写入 {0}：请检查文件夹是否可写</translation>
    </message>
    <message>
        <source>Trend saved: {0} and {1} samples in {2}</source>
        <translation>趋势已保存：{0}，以及 {2} 中的 {1} 个采样</translation>
    </message>
    <message>
        <source>Trend saved: {0}; CSV not written: {1}</source>
        <translation>趋势已保存：{0}；CSV 未写入：{1}</translation>
    </message>
</context>
<context>
    <name>TrendToolbar</name>
    <message>
        <source>Follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <source>Cursor</source>
        <translation>游标</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
</context>
<context>
    <name>UserFormDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Enter the {0}.</source>
        <translation>请输入{0}。</translation>
    </message>
    <message>
        <source>The {0} differs: type both again.</source>
        <translation>{0}不一致：请重新输入两次。</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
</context>
<context>
    <name>UsersScreen</name>
    <message>
        <source>Touch a user, then a step. Every change asks for a reason and is audited.</source>
        <translation>先点击一个用户，再点击一个操作。每次更改都需填写原因并记入审计追踪。</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>添加用户…</translation>
    </message>
    <message>
        <source>Set role…</source>
        <translation>设置角色…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Badge + PIN…</source>
        <translation>工牌 + PIN…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>用户 ID</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>工位</translation>
    </message>
    <message>
        <source>Stations: names with spaces between; leave empty for every station.</source>
        <translation>工位：名称之间用空格分隔；留空表示全部工位。</translation>
    </message>
    <message>
        <source>Added {0} ({1}): {2}</source>
        <translation>已添加 {0}（{1}）：{2}</translation>
    </message>
    <message>
        <source>Enable {0}</source>
        <translation>启用 {0}</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>{0} may log in and sign again.</source>
        <translation>{0} 可以重新登录和签名。</translation>
    </message>
    <message>
        <source>Disable {0}</source>
        <translation>停用 {0}</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>{0} can no longer log in or sign; the history keeps the name.</source>
        <translation>{0} 将无法登录或签名；历史记录保留该姓名。</translation>
    </message>
    <message>
        <source>{0} disabled</source>
        <translation>{0} 已停用</translation>
    </message>
    <message>
        <source>{0} enabled</source>
        <translation>{0} 已启用</translation>
    </message>
    <message>
        <source>Set role of {0}</source>
        <translation>设置 {0} 的角色</translation>
    </message>
    <message>
        <source>Set role</source>
        <translation>设置角色</translation>
    </message>
    <message>
        <source>Now: {0}. The new role replaces it (empty stations: all).</source>
        <translation>当前：{0}。新角色将替换它（工位留空：全部）。</translation>
    </message>
    <message>
        <source>{0} is now {1}</source>
        <translation>{0} 现在为 {1}</translation>
    </message>
    <message>
        <source>New password for {0}</source>
        <translation>为 {0} 设置新密码</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>Also lifts a lockout. Tell the user to change it soon.</source>
        <translation>同时解除锁定。请告知用户尽快修改密码。</translation>
    </message>
    <message>
        <source>New password set for {0}</source>
        <translation>已为 {0} 设置新密码</translation>
    </message>
    <message>
        <source>Badge + PIN for {0}</source>
        <translation>{0} 的工牌 + PIN</translation>
    </message>
    <message>
        <source>Set badge</source>
        <translation>设置工牌</translation>
    </message>
    <message>
        <source>Badge id</source>
        <translation>工牌号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Repeat PIN</source>
        <translation>确认 PIN</translation>
    </message>
    <message>
        <source>For the fast user switch: the badge is held, the PIN (digits) is known.</source>
        <translation>用于快速切换用户：工牌随身携带，PIN（数字）需牢记。</translation>
    </message>
    <message>
        <source>Badge {0} and PIN set for {1}</source>
        <translation>已为 {1} 设置工牌 {0} 和 PIN</translation>
    </message>
    <message>
        <source>Enable…</source>
        <translation>启用…</translation>
    </message>
    <message>
        <source>Disable…</source>
        <translation>停用…</translation>
    </message>
    <message>
        <source>Touch a user in the list first.</source>
        <translation>请先在列表中点击一个用户。</translation>
    </message>
    <message>
        <source>{0} is not in the user list: log in again</source>
        <translation>{0} 不在用户列表中：请重新登录</translation>
    </message>
    <message>
        <source>not done: {0}</source>
        <translation>未执行：{0}</translation>
    </message>
    <message>
        <source>the user list could not be read: {0}</source>
        <translation>无法读取用户列表：{0}</translation>
    </message>
</context>
<context>
    <name>UsersTableModel</name>
    <message>
        <source>no role</source>
        <translation>无角色</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>set</source>
        <translation>已设置</translation>
    </message>
    <message>
        <source>badge, no PIN</source>
        <translation>有工牌，无 PIN</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>工位</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>工牌</translation>
    </message>
</context>
<context>
    <name>ValueTile</name>
    <message>
        <source>BAD</source>
        <translation>坏值</translation>
    </message>
    <message>
        <source>ON</source>
        <translation>开</translation>
    </message>
    <message>
        <source>OFF</source>
        <translation>关</translation>
    </message>
    <message>
        <source>no status from the PLC</source>
        <translation>PLC 无状态信息</translation>
    </message>
    <message>
        <source>SP {0}</source>
        <comment>setpoint</comment>
        <translation>设定 {0}</translation>
    </message>
</context>
<context>
    <name>WriteFeedback</name>
    <message>
        <source>Touch a setpoint or a command to change it; the value read back shows here.</source>
        <translation>点击设定值或命令进行修改；回读的数值显示在这里。</translation>
    </message>
    <message>
        <source>Writing {0} = {1} …</source>
        <translation>正在写入 {0} = {1} …</translation>
    </message>
    <message>
        <source>✗ Not written: {0}</source>
        <translation>✗ 未写入：{0}</translation>
    </message>
    <message>
        <source>✗ Write failed: {0}</source>
        <translation>✗ 写入失败：{0}</translation>
    </message>
    <message>
        <source>✓ {0}: sent {1}, read back {2} ({3})</source>
        <translation>✓ {0}：已发送 {1}，回读 {2}（{3}）</translation>
    </message>
</context>
<context>
    <name>WriteMessages</name>
    <message>
        <source>{tag} is no tag of this line: not written</source>
        <translation>{tag} 不是本产线的变量：未写入</translation>
    </message>
    <message>
        <source>{tag} = {value} not written: {why}</source>
        <translation>{tag} = {value} 未写入：{why}</translation>
    </message>
    <message>
        <source>{tag} = {value}: {why}</source>
        <translation>{tag} = {value}：{why}</translation>
    </message>
    <message>
        <source>PLC refused {tag} = {value}: {status}</source>
        <translation>PLC 拒绝了 {tag} = {value}：{status}</translation>
    </message>
    <message>
        <source>{tag} = {value} written (accepted, not read back)</source>
        <translation>{tag} = {value} 已写入（已接受，未回读）</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>无应答</translation>
    </message>
    <message>
        <source>{tag} = {value} written, but it could not be read back: {why}</source>
        <translation>{tag} = {value} 已写入，但无法回读：{why}</translation>
    </message>
    <message>
        <source>{tag} = {value} written, but reading it back gave {quality}: {status}</source>
        <translation>{tag} = {value} 已写入，但回读结果为 {quality}：{status}</translation>
    </message>
    <message>
        <source>{tag} = {value} written and read back {read_back}</source>
        <translation>{tag} = {value} 已写入，回读 {read_back}</translation>
    </message>
    <message>
        <source>{tag} = {value} written, but the PLC holds {read_back} (tolerance {tolerance})</source>
        <translation>{tag} = {value} 已写入，但 PLC 中为 {read_back}（容差 {tolerance}）</translation>
    </message>
    <message>
        <source>{tag} = {value} written, but the PLC holds {read_back}</source>
        <translation>{tag} = {value} 已写入，但 PLC 中为 {read_back}</translation>
    </message>
    <message>
        <source>{tag} is read-only: not written</source>
        <translation>{tag} 为只读：未写入</translation>
    </message>
    <message>
        <source>{tag} needs a number, got {value}: not written</source>
        <translation>{tag} 需要数字，收到 {value}：未写入</translation>
    </message>
    <message>
        <source>{tag} needs a finite number, got {value}: not written</source>
        <translation>{tag} 需要有限数值，收到 {value}：未写入</translation>
    </message>
    <message>
        <source>{tag} needs true or false, got {value}: not written</source>
        <translation>{tag} 需要真或假，收到 {value}：未写入</translation>
    </message>
    <message>
        <source>{tag} needs text, got {value}: not written</source>
        <translation>{tag} 需要文本，收到 {value}：未写入</translation>
    </message>
    <message>
        <source>{tag}: {value} is not one of {choices}: not written</source>
        <translation>{tag}：{value} 不在 {choices} 之中：未写入</translation>
    </message>
    <message>
        <source>{tag}: {value} is not a value of enum {enum}: not written</source>
        <translation>{tag}：{value} 不是枚举 {enum} 的值：未写入</translation>
    </message>
    <message>
        <source>{tag} needs a whole number, got {value}: not written</source>
        <translation>{tag} 需要整数，收到 {value}：未写入</translation>
    </message>
</context>
<context>
    <name>alarm_table</name>
    <message>
        <source>Pri</source>
        <comment>priority</comment>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Station / tag</source>
        <translation>工位 / 变量</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>UNACK</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>Acked</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Cleared, UNACK</source>
        <translation>已消除，未确认</translation>
    </message>
    <message>
        <source>Latched: reset</source>
        <translation>已锁存：需复位</translation>
    </message>
    <message>
        <source>1st OUT</source>
        <translation>首发</translation>
    </message>
    <message>
        <source>one-shot until {0}</source>
        <translation>单次至 {0}</translation>
    </message>
    <message>
        <source>shelved until {0}</source>
        <translation>搁置至 {0}</translation>
    </message>
    <message>
        <source>suppressed</source>
        <translation>已抑制</translation>
    </message>
    <message>
        <source>out of service ({0})</source>
        <translation>停用（{0}）</translation>
    </message>
    <message>
        <source>Priority {0}</source>
        <translation>优先级 {0}</translation>
    </message>
</context>
<context>
    <name>presenters</name>
    <message>
        <source>ON</source>
        <translation>开</translation>
    </message>
    <message>
        <source>OFF</source>
        <translation>关</translation>
    </message>
    <message>
        <source>reason {0}</source>
        <translation>原因 {0}</translation>
    </message>
</context>
<context>
    <name>quality</name>
    <message>
        <source>good</source>
        <translation>良好</translation>
    </message>
    <message>
        <source>uncertain</source>
        <translation>不确定</translation>
    </message>
    <message>
        <source>BAD</source>
        <translation>坏值</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>过时</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>已断开</translation>
    </message>
</context>
<context>
    <name>station_layout</name>
    <message>
        <source>Dryer max zone deviation</source>
        <translation>干燥机最大温区偏差</translation>
    </message>
</context>
<context>
    <name>workbench_access</name>
    <message>
        <source>{0}: sign in as a Process Engineer or Maintenance user</source>
        <translation>{0}：请以工艺工程师或维护人员身份登录</translation>
    </message>
    <message>
        <source>{0}: the panel is locked; sign in again</source>
        <translation>{0}：面板已锁定；请重新登录</translation>
    </message>
    <message>
        <source>{0}: {1} ({2}) is not a Process Engineer or Maintenance user</source>
        <translation>{0}：{1}（{2}）不是工艺工程师或维护人员</translation>
    </message>
</context>
</TS>
