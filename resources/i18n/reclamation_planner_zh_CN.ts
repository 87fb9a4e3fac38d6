<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>ReclamationPlannerPlugin</name>
    <message>
        <location filename="../../plugin/plugin.py" line="58"/>
        <source>&amp;Mine Reclamation Planner</source>
        <translation>矿山土地复垦规划(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="78"/>
        <source>Mine Reclamation</source>
        <translation>矿山土地复垦</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="137"/>
        <source>Mine Reclamation Planner</source>
        <translation>矿山土地复垦规划</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="98"/>
        <source>About Mine Reclamation Planner…</source>
        <translation>关于矿山土地复垦规划…</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="113"/>
        <source>Disabled: missing Python modules {modules}</source>
        <translation>已停用：缺少 Python 模块 {modules}</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="133"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="134"/>
        <source>Missing Python modules: {modules}. Disabled: {disabled}. Install: {hint}</source>
        <translation>缺少 Python 模块：{modules}。已停用：{disabled}。安装命令：{hint}</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="166"/>
        <source>QGIS {qgis}; Processing provider “{provider}” with {count} algorithms.</source>
        <translation>QGIS {qgis}；处理工具提供者“{provider}”，含 {count} 个算法。</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="178"/>
        <source>Missing Python modules: {modules}</source>
        <translation>缺少 Python 模块：{modules}</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="190"/>
        <source>About Mine Reclamation Planner</source>
        <translation>关于矿山土地复垦规划</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="165"/>
        <source>Plans the reclamation of land disturbed by mining.</source>
        <translation>编制采矿损毁土地的复垦规划。</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="169"/>
        <source>Home page</source>
        <translation>主页</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="170"/>
        <source>Report a problem</source>
        <translation>报告问题</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="171"/>
        <source>Licence: GNU GPL version 2 or later</source>
        <translation>许可证：GNU GPL 第 2 版或更高版本</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="67"/>
        <source>The Processing provider “{id}” could not be registered.</source>
        <translation>无法注册处理工具提供者“{id}”。</translation>
    </message>
</context>
<context>
    <name>ReclamationProvider</name>
    <message>
        <location filename="../../plugin/provider/provider.py" line="28"/>
        <source>Mine reclamation</source>
        <translation>矿山土地复垦</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/provider.py" line="31"/>
        <source>Mine Reclamation Planner</source>
        <translation>矿山土地复垦规划</translation>
    </message>
</context>
</TS>
