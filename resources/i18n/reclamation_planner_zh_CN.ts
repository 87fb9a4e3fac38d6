<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="1339"/>
        <source>Land reclamation plan</source>
        <translation>土地复垦方案</translation>
    </message>
</context>
<context>
    <name>AlgorithmRunner</name>
    <message>
        <location filename="../../plugin/gui/runner.py" line="158"/>
        <source>The algorithm {id} is not available: is the Processing plugin enabled?</source>
        <translation>算法 {id} 不可用：是否已启用处理工具 (Processing) 插件？</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/runner.py" line="250"/>
        <source>The results could not be loaded: {error}</source>
        <translation>无法加载结果：{error}</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/runner.py" line="267"/>
        <source>The run was cancelled.</source>
        <translation>运行已取消。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/runner.py" line="270"/>
        <source>The algorithm failed; the log shows what happened.</source>
        <translation>算法运行失败，详情请查看日志。</translation>
    </message>
</context>
<context>
    <name>ClassifyDisturbanceAlgorithm</name>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="119"/>
        <source>Classify disturbed land</source>
        <translation>损毁土地分类</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="424"/>
        <source>Disturbed land</source>
        <translation>损毁土地</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="157"/>
        <source>DEM before mining</source>
        <translation>采矿前 DEM</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="158"/>
        <source>DEM after mining</source>
        <translation>采矿后 DEM</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="167"/>
        <source>Underground mine: lowered ground is subsidence</source>
        <translation>井工矿：地面降低即为塌陷</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="174"/>
        <source>Subsidence depth (m)</source>
        <translation>下沉深度（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="175"/>
        <source>Additional tilt (mm/m)</source>
        <translation>附加倾斜（mm/m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="176"/>
        <source>Horizontal deformation (mm/m)</source>
        <translation>水平变形（mm/m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="181"/>
        <source>Groundwater depth before mining (m)</source>
        <translation>采矿前地下水埋深（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="188"/>
        <source>Groundwater depth for the whole area (m)</source>
        <translation>全区统一地下水埋深（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="197"/>
        <source>Mapped facilities</source>
        <translation>矿山设施</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="202"/>
        <source>Facility type field</source>
        <translation>设施类型字段</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="210"/>
        <source>Facility type map (value=type;…)</source>
        <translation>设施类型映射（值=类型;…）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="215"/>
        <source>Soil samples</source>
        <translation>土壤采样点</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="223"/>
        <source>pH field of the samples</source>
        <translation>采样点 pH 字段</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="241"/>
        <source>Land use before damage</source>
        <translation>损毁前土地利用</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="246"/>
        <source>GB/T 21010 code field</source>
        <translation>GB/T 21010 地类编码字段</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="254"/>
        <source>Project area</source>
        <translation>项目区</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="260"/>
        <source>Minimum elevation change (m; default: the pack&apos;s)</source>
        <translation>最小高程变化（m；默认取规则包设定值）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="260"/>
        <source>Minimum patch area (m²; default: the pack's)</source>
        <translation>最小图斑面积（m²；默认取规则包设定值）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="274"/>
        <source>Disturbed land summary</source>
        <translation>损毁土地汇总</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="289"/>
        <source>Rule pack {0} has no damage-degree rules (its disturbance block).</source>
        <translation>规则包 {0} 没有损毁程度规则（其 disturbance 部分）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="380"/>
        <source>Give at least one kind of evidence: both DEMs (before and after), a subsidence raster, mapped facilities or soil samples.</source>
        <translation>请至少提供一种依据：采矿前后两期 DEM、下沉栅格、矿山设施或土壤采样点。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="387"/>
        <source>Elevation change needs both DEM_BEFORE and DEM_AFTER.</source>
        <translation>计算高程变化需要同时提供 DEM_BEFORE 和 DEM_AFTER。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="398"/>
        <source>Cancelled: no output was written.</source>
        <translation>已取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="401"/>
        <source>Disturbance classification failed: {0}</source>
        <translation>损毁土地分类失败：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="232"/>
        <source>Sample radius (largest distance a sample stands for)</source>
        <translation>采样点代表半径（单个采样点的最大代表距离）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="125"/>
        <source>Disturbed land (损毁土地) by damage type — excavation 挖损, subsidence 塌陷, occupation 压占, pollution 污染 — and degree (light, moderate, severe), from any combination of evidence:
• DEMs before and after mining: raised ground is occupation; lowered ground is subsidence inside the mining influence zone (采动（沉陷）影响范围: the area the workings move, which reaches beyond the goaf and the panels by about the depth divided by tan β — not the panels themselves), or everywhere when the mine is underground and no zone is given, else excavation. With a zone, lowered ground outside it is not classified but reported with its area (a zone drawn too small, or pits to map as facilities); only lowering deeper than the worked seams would be excavation. Changes smaller than the minimum elevation change are noise; the log gives the area this leaves out inside the zone. A predicted subsidence raster (predictsubsidence) sets the basin boundary instead;
• subsidence rasters (m, positive down), with tilt (mm/m), horizontal deformation (mm/m) and the groundwater depth for ponding;
• mapped facilities with a type field (露天采场, 排土场, 尾矿库, waste dump, …; add or change meanings with Facility type map 'value=type;…');
• soil samples (points with concentrations in mg/kg, fields named Cd, Hg, As, Pb, Cr, Cu, Ni, Zn or 镉, 汞, …, and a pH field) compared with the GB 15618-2018 screening and intervention values: the land nearest each failing sample, up to the sample radius, is polluted.
Degrees come from the rule pack's indicator rows; where the pack leaves them empty (the TD/T 1031.3 values were not found) the pack's default degree is used, or the degree stays undecided and the log says how much. Where evidence overlaps, the pack's precedence decides. The land use before damage comes from LANDUSE (dlbm_before); results are clipped to AREA; areas are ellipsoidal.</source>
        <translation>根据以下依据的任意组合，按损毁类型（挖损、塌陷、压占、污染）和损毁程度（轻度、中度、重度）划分损毁土地：
• 采矿前后两期 DEM：地面抬升为压占；地面降低在采动（沉陷）影响范围内为塌陷（采动（沉陷）影响范围即井下开采引起地表移动的范围，超出采空区和工作面边界约为采深除以 tan β，而不是工作面本身），井工矿且未给出影响范围时全部为塌陷，否则为挖损。给出影响范围时，范围外的地面降低不予分类，但会报告其面积（可能是影响范围划得过小，或是应作为设施填绘的采坑）；只有降低深度超过所采煤层时才会是挖损。小于最小高程变化的变化视为噪声，日志中会给出影响范围内因此未计入的面积。若提供沉陷预计栅格（predictsubsidence），则改由其确定下沉盆地边界；
• 下沉栅格（m，向下为正），以及附加倾斜（mm/m）、水平变形（mm/m）栅格和用于判定积水的地下水埋深；
• 带类型字段的矿山设施（露天采场、排土场、尾矿库、waste dump 等；可通过设施类型映射 '值=类型;…' 添加或修改类型含义）；
• 土壤采样点（浓度单位为 mg/kg 的点，字段名为 Cd、Hg、As、Pb、Cr、Cu、Ni、Zn 或 镉、汞 等，另含 pH 字段），与 GB 15618-2018 的筛选值和管制值比较：距各超标采样点最近、且在采样点代表半径以内的土地判定为污染。
损毁程度依据规则包中的指标行确定；规则包中的指标为空（未查到 TD/T 1031.3 的取值）时，采用规则包的默认损毁程度，否则损毁程度为未定，并在日志中说明其数量。各类依据重叠时，按规则包的优先顺序确定。损毁前土地利用取自 LANDUSE（dlbm_before）；结果裁剪至 AREA 范围；面积为椭球面积。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="159"/>
        <source>Mining influence zone (subsidence)</source>
        <translation>采动（沉陷）影响范围</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="334"/>
        <source>DEM before</source>
        <translation>采矿前 DEM</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="334"/>
        <source>DEM after</source>
        <translation>采矿后 DEM</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="334"/>
        <source>Subsidence raster</source>
        <translation>下沉栅格</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="334"/>
        <source>Tilt raster</source>
        <translation>附加倾斜栅格</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="334"/>
        <source>Horizontal deformation raster</source>
        <translation>水平变形栅格</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="334"/>
        <source>Groundwater raster</source>
        <translation>地下水埋深栅格</translation>
    </message>
</context>
<context>
    <name>CostInputs</name>
    <message>
        <location filename="../../plugin/provider/algorithms/cost_inputs.py" line="38"/>
        <source>Works per unit (from Estimate engineering quantities)</source>
        <translation>各单元工程量（来自“估算工程量”）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/cost_inputs.py" line="46"/>
        <source>Unit prices (item, part, unit, unit_price, source, year, region)</source>
        <translation>单价表（item、part、unit、unit_price、source、year、region）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/cost_inputs.py" line="54"/>
        <source>Cost structure (JSON)</source>
        <translation>费用构成（JSON）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/cost_inputs.py" line="74"/>
        <source>The works table needs the fields {0} (the WORKS output of Estimate engineering quantities). Missing: {1}</source>
        <translation>工程量表需要字段 {0}（“估算工程量”的 WORKS 输出）。缺少：{1}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/cost_inputs.py" line="83"/>
        <source>Works table: {0}</source>
        <translation>工程量表：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/cost_inputs.py" line="91"/>
        <source>Cost structure “{0}” cannot be read: {1}</source>
        <translation>无法读取费用构成“{0}”：{1}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/cost_inputs.py" line="95"/>
        <source>Cost structure: {0}</source>
        <translation>费用构成：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/cost_inputs.py" line="105"/>
        <source>Prices: {0}</source>
        <translation>单价表：{0}</translation>
    </message>
</context>
<context>
    <name>DegreeTableModel</name>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="314"/>
        <source>Damage type</source>
        <translation>损毁类型</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="315"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="316"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="317"/>
        <source>Land use</source>
        <translation>地类</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="318"/>
        <source>None (max)</source>
        <translation>未损毁（上限）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="319"/>
        <source>Light (max)</source>
        <translation>轻度（上限）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="320"/>
        <source>Moderate (max)</source>
        <translation>中度（上限）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="321"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="322"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="323"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>DisturbanceDialog</name>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="112"/>
        <source>Classify disturbed land</source>
        <translation>损毁土地分类</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="126"/>
        <source>Elevation and subsidence</source>
        <translation>高程与下沉</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="127"/>
        <source>Predict from panels</source>
        <translation>工作面沉陷预计</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="128"/>
        <source>Facilities</source>
        <translation>设施</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="129"/>
        <source>Samples, land use, area</source>
        <translation>采样点、土地利用、项目区</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="130"/>
        <source>Rules and output</source>
        <translation>规则与输出</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="137"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="139"/>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="154"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="208"/>
        <source>One value</source>
        <translation>统一值</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="211"/>
        <source>Additional tilt raster (mm/m)</source>
        <translation>附加倾斜栅格（mm/m）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="212"/>
        <source>Horizontal deformation raster (mm/m)</source>
        <translation>水平变形栅格（mm/m）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="213"/>
        <source>Groundwater depth raster (m)</source>
        <translation>地下水埋深栅格（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="214"/>
        <source>Groundwater depth for the whole area</source>
        <translation>全区统一地下水埋深</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="219"/>
        <source>Predict subsidence from working panels</source>
        <translation>根据工作面预计开采沉陷</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="229"/>
        <source>Use the grid of the DEM before mining</source>
        <translation>使用采矿前 DEM 的格网</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="232"/>
        <source>Panels plus 2.5 r</source>
        <translation>工作面范围外扩 2.5 r</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="238"/>
        <source>(automatic: r/10)</source>
        <translation>（自动：r/10）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="239"/>
        <source>The predicted subsidence, tilt and horizontal deformation replace the subsidence rasters of the first tab; the groundwater depth given there is used for ponding. A field value wins over the value for all panels.</source>
        <translation>预计得到的下沉、倾斜和水平变形将替代第一个选项卡中的下沉栅格；积水判定使用该选项卡中给出的地下水埋深。字段值优先于所有工作面的统一值。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="249"/>
        <source>Working panels</source>
        <translation>工作面</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="252"/>
        <source>Extent (without the DEM)</source>
        <translation>范围（无 DEM 时）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="253"/>
        <source>Cell size (without the DEM)</source>
        <translation>像元大小（无 DEM 时）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="316"/>
        <source>Damage type</source>
        <translation>损毁类型</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="270"/>
        <source>Mapped facilities</source>
        <translation>矿山设施</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="271"/>
        <source>Facility type field</source>
        <translation>设施类型字段</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="288"/>
        <source>Soil samples (mg/kg)</source>
        <translation>土壤采样点（mg/kg）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="289"/>
        <source>pH field of the samples</source>
        <translation>采样点 pH 字段</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="290"/>
        <source>Largest distance a sample stands for</source>
        <translation>单个采样点的最大代表距离</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="291"/>
        <source>Land use before damage</source>
        <translation>损毁前土地利用</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="292"/>
        <source>GB/T 21010 code field</source>
        <translation>GB/T 21010 地类编码字段</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="293"/>
        <source>Project area</source>
        <translation>项目区</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="309"/>
        <source>Rule-pack file</source>
        <translation>规则包文件</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="306"/>
        <source>Instead of the pack&apos;s</source>
        <translation>代替规则包设定值</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="308"/>
        <source>Rule pack</source>
        <translation>规则包</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="310"/>
        <source>Minimum elevation change</source>
        <translation>最小高程变化</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="311"/>
        <source>Minimum patch area</source>
        <translation>最小图斑面积</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="316"/>
        <source>Degree</source>
        <translation>损毁程度</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="316"/>
        <source>Land use before</source>
        <translation>损毁前地类</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="316"/>
        <source>Area (hm²)</source>
        <translation>面积（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="316"/>
        <source>Area (亩)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="372"/>
        <source>None</source>
        <translation>未损毁</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="373"/>
        <source>Light (轻度)</source>
        <translation>轻度</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="374"/>
        <source>Moderate (中度)</source>
        <translation>中度</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="375"/>
        <source>Severe (重度)</source>
        <translation>重度</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="384"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="512"/>
        <source>Subsidence prediction: choose the layer of working panels.</source>
        <translation>开采沉陷预计：请选择工作面图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="513"/>
        <source>mining thickness</source>
        <translation>开采厚度</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="513"/>
        <source>mining depth</source>
        <translation>采深</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="518"/>
        <source>Subsidence prediction: give the {what} of the panels, a field or one value.</source>
        <translation>开采沉陷预计：请给出工作面的{what}（字段或统一值）。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="522"/>
        <source>Subsidence prediction replaces the subsidence raster: clear the raster, or uncheck the prediction.</source>
        <translation>开采沉陷预计将替代下沉栅格：请清除该栅格，或取消勾选沉陷预计。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="530"/>
        <source>Choose a rule-pack file, or a built-in rule pack.</source>
        <translation>请选择规则包文件或内置规则包。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="534"/>
        <source>Land use: choose the field that holds the GB/T 21010 codes.</source>
        <translation>土地利用：请选择保存 GB/T 21010 地类编码的字段。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="536"/>
        <source>Choose the GeoPackage file to write, or temporary layers.</source>
        <translation>请选择要写入的 GeoPackage 文件，或选择临时图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="560"/>
        <source>Disturbed land</source>
        <translation>损毁土地</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="564"/>
        <source>Predicted subsidence</source>
        <translation>沉陷预计</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="572"/>
        <source>Run “{name}”</source>
        <translation>运行“{name}”</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="580"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="599"/>
        <source>The run was cancelled.</source>
        <translation>运行已取消。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="603"/>
        <source>The prediction wrote no {outputs}.</source>
        <translation>沉陷预计未写入以下输出：{outputs}。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="636"/>
        <source>Area by damage type, degree and land use before</source>
        <translation>按损毁类型、损毁程度和损毁前地类统计的面积</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="637"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="647"/>
        <source>The layers are in the group(s) {groups}.</source>
        <translation>图层位于 {groups} 组中。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="654"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="377"/>
        <source>Undecided (程度未定)</source>
        <translation>程度未定</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="379"/>
        <source>pack default, not verified (默认值，未核实)</source>
        <translation>规则包默认值，未核实</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="126"/>
        <source>Terrain</source>
        <translation>高程与下沉</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="127"/>
        <source>Panels</source>
        <translation>工作面</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="129"/>
        <source>Samples, land</source>
        <translation>采样与地类</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/disturbance_dialog.py" line="130"/>
        <source>Rules, output</source>
        <translation>规则与输出</translation>
    </message>
</context>
<context>
    <name>DocxReport</name>
    <message>
        <location filename="../../plugin/provider/report_docx.py" line="81"/>
        <source>Closure</source>
        <translation>闭合检查</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_docx.py" line="85"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_docx.py" line="108"/>
        <source>Table {0}</source>
        <translation>表{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_docx.py" line="136"/>
        <source>Before</source>
        <translation>复垦前</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_docx.py" line="137"/>
        <source>After</source>
        <translation>复垦后</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_docx.py" line="138"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_docx.py" line="89"/>
        <source>Maps</source>
        <translation>附图</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_docx.py" line="78"/>
        <source>Work plan by year</source>
        <translation>复垦工作进度安排图</translation>
    </message>
</context>
<context>
    <name>EcologicalNetworkAlgorithm</name>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="98"/>
        <source>Ecological network (MCR)</source>
        <translation>生态网络（最小累积阻力模型）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="131"/>
        <source>Land use</source>
        <translation>土地利用现状</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="132"/>
        <source>Land-use code field (GB/T 21010; empty: DLBM)</source>
        <translation>地类编码字段（GB/T 21010；留空：DLBM）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="141"/>
        <source>Evaluation units (damage and proposed use)</source>
        <translation>评价单元（损毁与建议用途）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="149"/>
        <source>Ecological sources (empty: from the land use)</source>
        <translation>生态源地（留空：由土地利用现状识别）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="157"/>
        <source>DEM (for the slope)</source>
        <translation>DEM（用于坡度）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="162"/>
        <source>Cell size (m)</source>
        <translation>栅格单元大小（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="182"/>
        <source>Minimum cumulative resistance</source>
        <translation>最小累积阻力</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="187"/>
        <source>Corridors</source>
        <translation>生态廊道</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="192"/>
        <source>Ecological sources</source>
        <translation>生态源地</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="200"/>
        <source>Units with the corridors they carry</source>
        <translation>带廊道信息的评价单元</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="241"/>
        <source>Grid of {0} × {1} cells of {2:g} m; {3} ecological source(s).</source>
        <translation>栅格 {0} × {1} 个单元，单元大小 {2:g} m；生态源地 {3} 处。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="247"/>
        <source>No ecological source: the land use has no patch of the rule pack's source classes ({0}) of at least {1:g} hm². Give SOURCES, or lower network.sources.min_area_hm2 in your copy of the pack.</source>
        <translation>没有生态源地：土地利用现状中没有不小于 {1:g} hm² 的规则包源地地类（{0}）斑块。请提供 SOURCES，或在规则包副本中调低 network.sources.min_area_hm2。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="283"/>
        <source>Ecological network: {0}</source>
        <translation>生态网络：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="322"/>
        <source>The land-use layer has no features.</source>
        <translation>土地利用现状图层没有要素。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="326"/>
        <source>The land-use layer has no field {0}. Fields: {1}</source>
        <translation>土地利用现状图层没有字段 {0}。现有字段：{1}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="341"/>
        <source>A grid of {0} × {1} cells of {2:g} m is too large for the network (at most {3:,} cells): give a cell size of at least {4:.0f} m.</source>
        <translation>{0} × {1} 个 {2:g} m 单元的栅格对生态网络而言过大（最多 {3:,} 个单元）：请将单元大小设为不小于 {4:.0f} m。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="348"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="352"/>
        <source>Land-use codes without a resistance in the rule pack (impassable): {0}. Add them to network.resistance.</source>
        <translation>规则包中没有阻力值的地类编码（视为不可通行）：{0}。请将其加入 network.resistance。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="364"/>
        <source>DEM</source>
        <translation>DEM</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="381"/>
        <source>DEM: {0}</source>
        <translation>DEM：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="518"/>
        <source>{0} corridor(s), {1:,.0f} m in all, cumulative resistance {2:,.0f}.</source>
        <translation>生态廊道 {0} 条，总长 {1:,.0f} m，累积阻力 {2:,.0f}。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="527"/>
        <source>After the proposed reclamation the same corridors cost {0:,.0f} ({1:+.1f} %).</source>
        <translation>按建议复垦后，这些廊道的累积阻力为 {0:,.0f}（{1:+.1f} %）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="172"/>
        <source>Without a network (no source, too large a grid): empty outputs and a warning instead of an error</source>
        <translation>无法构建生态网络时（无生态源地、栅格过大）：输出空结果并给出警告，而不报错</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="492"/>
        <source>No ecological network: {0}</source>
        <translation>未构建生态网络：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="431"/>
        <source>Feature {0} of {1}: {2}</source>
        <translation>{1} 的要素 {0}：{2}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="640"/>
        <source>A source polygon could not be written.</source>
        <translation>无法写出生态源地面。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="393"/>
        <source>The grid of {0} × {1} cells needs {2:.1f} GB of scratch space in {3}; {4:.1f} GB are free. Free some space, or use larger cells.</source>
        <translation>{0} × {1} 个像元的格网需要在 {3} 中占用 {2:.1f} GB 临时空间，当前可用 {4:.1f} GB。请释放一些空间，或使用更大的像元。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecological_network.py" line="104"/>
        <source>Ecological sources, the minimum cumulative resistance (MCR) surface and the least-cost corridors between sources, as the land is and after the proposed reclamation, and the damaged units the corridors cross.

Resistance comes from the land use (GB/T 21010 code, the rule pack's network block), replaced on dug and buried units by the resistance of their damage, times a factor of the slope (with a DEM) and of the distance to damaged land. Sources are your polygons (SOURCES), else the patches of the pack's source classes (forest, grassland, wetland) of at least its least area, without damaged land. MCR = the least Σ distance × resistance from any source, by Dijkstra on the 8-neighbour graph of the cells (SciPy). A corridor joins two sources whose resistance zones meet, along the least-cost path; a cell exactly as near to two sources belongs to the lower-numbered one.

With units that carry a proposal (use_proposed, dlbm), the network is computed again with every reclaimed unit at the resistance of its proposed code: each corridor gets its cost after reclamation, and each unit the number and length of corridors crossing it and corridor_gain, the resistance × m its reclamation removes from them (what reconnecting the land is worth).

The grid covers the land-use layer in a metric CRS (the layer's own, else the CGCS2000 or UTM zone) at CELL_SIZE, at most 100 million cells. It is searched in bands of rows, so memory holds one band; grids above 4 million cells are kept in scratch files in QGIS's temporary folder (about 50 bytes a cell), removed when the run ends.</source>
        <translation>生态源地、最小累积阻力（MCR）面和源地之间的最小成本廊道，分别按现状和按建议复垦后计算，并给出廊道穿越的损毁单元。

阻力取自土地利用现状（GB/T 21010 地类编码，规则包的 network 部分），挖损、压占单元以其损毁类型的阻力替代，有 DEM 时再乘以坡度系数，并按与损毁土地的距离乘以系数。生态源地为用户提供的面（SOURCES），否则为规则包所列源地地类（林地、草地、湿地）中不小于最小面积、且未受损毁的斑块。MCR = 自任一源地起 Σ 距离 × 阻力的最小值，在栅格单元的 8 邻域图上用 Dijkstra 算法计算（SciPy）。阻力分区相邻的两个源地之间以最小成本路径连成一条廊道；到两个源地的累积阻力完全相同的单元归编号较小的源地。

评价单元带有建议用途（use_proposed、dlbm）时，将每个复垦单元的阻力改为其建议地类的阻力后再计算一次：每条廊道得到复垦后的累积阻力，每个单元得到穿越它的廊道数、廊道在其内的长度以及 corridor_gain，即其复垦使这些廊道减少的阻力 × 米（恢复连通的价值）。

栅格覆盖土地利用图层的范围，采用米制坐标系（图层自身的，否则为 CGCS2000 或 UTM 分带），单元大小为 CELL_SIZE，最多 1 亿个单元。栅格按行分带搜索，内存中只保留一个条带；超过 400 万个单元的栅格保存在 QGIS 临时文件夹的临时文件中（每个单元约 50 字节），运行结束后删除。</translation>
    </message>
</context>
<context>
    <name>EcosystemValueAlgorithm</name>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="60"/>
        <source>Ecosystem-service value</source>
        <translation>生态系统服务价值</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="66"/>
        <source>The ecosystem-service value (生态系统服务价值, ESV) of each evaluation unit before damage, after damage and after the proposed reclamation, by the equivalent-factor method of Xie et al. (2015): ESV = area (hm²) × Σ value equivalents of the unit's ecosystem type × value of one equivalent (元/hm²).

The ecosystem type before damage is that of the land-use code before (dlbm_before), after damage that of the rule pack's damage rules (dug and buried land bare, land under standing water water), after reclamation that of the proposed code (dlbm); land proposed to be kept stays as damage left it. The equivalents, the code → type table and the value of one equivalent are the rule pack's esv block, each with its source and status; give your province's value of one equivalent (grain yield × price ÷ 7) to replace the national mean.

Outputs: the units with eco_before/eco_damaged/eco_after, esv_before/esv_damaged/esv_after (元/a), esv_gain (after − damaged: the benefit of reclamation) and esv_change (after − before); a table by service and one by ecosystem type. A code the pack does not map leaves the unit without a value (listed in the log), never at zero.</source>
        <translation>按谢高地等（2015）的当量因子法，计算各评价单元损毁前、损毁后和按建议用途复垦后的生态系统服务价值：价值 = 面积（hm²）× 该单元生态系统类型各项服务价值当量之和 × 一个标准当量的价值（元/hm²）。

损毁前的生态系统类型取损毁前地类编码（dlbm_before）对应的类型，损毁后取规则包损毁规则给出的类型（挖损、压占土地为裸地，积水土地为水系），复垦后取建议地类编码（dlbm）对应的类型；建议保持现状的土地保持损毁后的类型。当量表、地类编码与生态系统类型对照表和一个标准当量的价值均为规则包的 esv 部分，各注明来源与核实状态；请以本省一个标准当量的价值（粮食单产 × 价格 ÷ 7）替换全国平均值。

输出：带 eco_before/eco_damaged/eco_after、esv_before/esv_damaged/esv_after（元/年）、esv_gain（复垦后 − 损毁后：复垦效益）和 esv_change（复垦后 − 损毁前）字段的评价单元；按服务类型和按生态系统类型的两张表。规则包未对照的地类编码使该单元无价值（在日志中列出），绝不按零计。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="86"/>
        <source>Evaluation units (with proposed use)</source>
        <translation>评价单元（含建议用途）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="94"/>
        <source>Value of one equivalent (元/hm²; empty: the rule pack's)</source>
        <translation>一个标准当量的价值（元/hm²；留空：取规则包的值）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="104"/>
        <source>Land-use code before damage</source>
        <translation>损毁前地类编码</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="104"/>
        <source>Proposed land-use code</source>
        <translation>建议地类编码</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="113"/>
        <source>Units with ecosystem-service value</source>
        <translation>带生态系统服务价值的评价单元</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="120"/>
        <source>Ecosystem-service value by service</source>
        <translation>生态系统服务价值（按服务类型）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="127"/>
        <source>Ecosystem-service value by ecosystem type</source>
        <translation>生态系统服务价值（按生态系统类型）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="149"/>
        <source>Ecosystem-service value: {0}</source>
        <translation>生态系统服务价值：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="177"/>
        <source>land-use code before damage</source>
        <translation>损毁前地类编码</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="177"/>
        <source>proposed land-use code</source>
        <translation>建议地类编码</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="182"/>
        <source>The units have no field {0} ({1}): use the output of Evaluate suitability or name the field. Fields: {2}</source>
        <translation>评价单元没有字段 {0}（{1}）：请使用适宜性评价的输出，或指定该字段。现有字段：{2}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="223"/>
        <source>Value of one equivalent: {0:,.2f} 元/hm² ({1}).</source>
        <translation>一个标准当量的价值：{0:,.2f} 元/hm²（{1}）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="223"/>
        <source>given</source>
        <translation>用户给定</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="233"/>
        <source>before damage</source>
        <translation>损毁前</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="234"/>
        <source>after damage</source>
        <translation>损毁后</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="235"/>
        <source>after reclamation</source>
        <translation>复垦后</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="243"/>
        <source>{0}: {1:.4f} hm² have a land-use code the rule pack's esv block does not map and no value: {2}. Add the codes to esv.codes.</source>
        <translation>{0}：{1:.4f} hm² 土地的地类编码在规则包 esv 部分中没有对照，未计价值：{2}。请将这些编码加入 esv.codes。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="251"/>
        <source>Units without a proposed use (numbers {0}) have no value after reclamation.</source>
        <translation>没有建议用途的单元（序号 {0}）无复垦后价值。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/ecosystem_value.py" line="256"/>
        <source>Ecosystem-service value: {0:,.2f} 元/a before damage, {1:,.2f} 元/a after damage, {2:,.2f} 元/a after reclamation (gain {3:+,.2f} 元/a).</source>
        <translation>生态系统服务价值：损毁前 {0:,.2f} 元/年，损毁后 {1:,.2f} 元/年，复垦后 {2:,.2f} 元/年（复垦变化 {3:+,.2f} 元/年）。</translation>
    </message>
</context>
<context>
    <name>EstimateCostAlgorithm</name>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_cost.py" line="52"/>
        <source>Estimate the investment</source>
        <translation>投资估算</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_cost.py" line="58"/>
        <source>The investment estimate (投资估算) of the plan: every work of Estimate engineering quantities at its unit price, then the cost structure (措施费, 间接费, 利润, 税金, 设备费, 其他费用, 监测与管护费, 基本预备费, 风险金, 价差预备费) of a JSON file, each rate with its source and status. Static total, and with the yearly spending (year=share;…) the dynamic total = static + Σ I_t((1+f)^t − 1); per hm² and per 亩 over the units' area.

No price or rate is built in: resources/costs/template.json is the structure to fill in, example_sample_mine.json and example_prices_sample_mine.csv an example for the sample mine (not a norm). A work without a price is listed and the totals are marked incomplete; an empty rate stops the estimate.</source>
        <translation>方案的投资估算：估算工程量得出的各项工程按单价计价，再按 JSON 文件中的费用构成（措施费、间接费、利润、税金、设备费、其他费用、监测与管护费、基本预备费、风险金、价差预备费）计算，每项费率注明来源与核实状态。给出静态总投资；提供分年度投资比例（年=比例;…）时，动态总投资 = 静态总投资 + Σ I_t((1+f)^t − 1)；并按评价单元面积给出单位面积（hm²、亩）投资。

代码中不内置任何单价或费率：resources/costs/template.json 为待填写的费用构成模板，example_sample_mine.json 和 example_prices_sample_mine.csv 为示例矿山的示例（非定额）。缺少单价的工程会被列出，总投资标为不完整；费率为空时停止估算。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_cost.py" line="73"/>
        <source>Yearly spending (year=share;…, e.g. 1=0.6;2=0.4)</source>
        <translation>分年度投资比例（年=比例;…，如 1=0.6;2=0.4）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_cost.py" line="80"/>
        <source>Evaluation units (for the area)</source>
        <translation>评价单元（用于面积）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_cost.py" line="88"/>
        <source>Investment estimate</source>
        <translation>投资估算表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_cost.py" line="93"/>
        <source>Investment summary</source>
        <translation>投资汇总</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_cost.py" line="114"/>
        <source>The monitoring charge of the cost structure is per hm²: give the evaluation units (UNITS) for the plan's area.</source>
        <translation>费用构成中的监测与管护费按每公顷计：请提供评价单元（UNITS）以计算方案面积。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_cost.py" line="123"/>
        <source>Investment estimate: {0}</source>
        <translation>投资估算：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_cost.py" line="162"/>
        <source>No unit price for {0} work(s): {1}. They are not in the totals, which are incomplete: add their prices.</source>
        <translation>{0} 项工程缺少单价：{1}。它们未计入总投资，总投资不完整：请补充单价。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_cost.py" line="175"/>
        <source>No yearly spending (SPENDING): the price-rise contingency is not computed and the dynamic total equals the static one.</source>
        <translation>未提供分年度投资比例（SPENDING）：未计算价差预备费，动态总投资等于静态总投资。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_cost.py" line="181"/>
        <source>Static total {0:,.2f} 元, dynamic total {1:,.2f} 元.</source>
        <translation>静态总投资 {0:,.2f} 元，动态总投资 {1:,.2f} 元。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_cost.py" line="111"/>
        <source>Yearly spending: {0}</source>
        <translation>逐年投资比例：{0}</translation>
    </message>
</context>
<context>
    <name>EstimateQuantitiesAlgorithm</name>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="87"/>
        <source>Estimate engineering quantities</source>
        <translation>估算工程量</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="93"/>
        <source>The engineering quantities (工程量) of every evaluation unit, from the rule pack's works block: soil cover (m³ = area × cover thickness of the proposed use, on dug and buried land), land levelling (m³ of cut and of fill from the DEM to a plane fitted to the unit, no steeper than the design slope of its use, or to a design surface), ditches along steep units, field roads, tree planting, grass seeding, soil improvement and monitoring points, each with its source and status.

Topsoil stripping areas (with a depth field, else the pack's depth) give the topsoil stripped; the balance sets it against the cover needed (surplus to stockpile, or shortfall to borrow) and the levelling cut against its fill (spoil or borrow). Units need use_proposed (the output of Evaluate suitability); dist_type, limit_&lt;use&gt; and slope_deg are used when present. Areas and lengths are ellipsoidal; cut and fill use the DEM's cells, which must be in metres.</source>
        <translation>按规则包的 works（工程措施）部分计算每个评价单元的工程量：覆土（m³ = 面积 × 拟复垦地类的覆土厚度，用于挖损和压占土地）、土地平整（由 DEM 至拟合于单元、坡度不陡于该地类设计坡度的平面，或至设计地面的挖方与填方 m³）、陡坡单元周边的截排水沟、田间道路、植树、撒播草籽、土壤改良和监测点，各注明来源与核实状态。

表土剥离区（有厚度字段时按字段，否则按规则包厚度）给出表土剥离量；土方平衡将其与覆土需求对比（余量存放或缺口借土），并将平整挖方与填方对比（余方弃置或缺方借方）。评价单元需有 use_proposed（适宜性评价的输出）；如有 dist_type、limit_&lt;用途&gt; 和 slope_deg 字段则一并使用。面积和长度按椭球计算；挖填方按 DEM 像元计算，DEM 须以米为单位。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="111"/>
        <source>Evaluation units (suitability)</source>
        <translation>评价单元（适宜性评价结果）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="119"/>
        <source>DEM (after mining)</source>
        <translation>DEM（采后）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="124"/>
        <source>Design surface (on the DEM&apos;s grid)</source>
        <translation>设计地面（与 DEM 同一格网）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="129"/>
        <source>Topsoil stripping areas</source>
        <translation>表土剥离区</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="137"/>
        <source>Stripping depth field (m)</source>
        <translation>剥离厚度字段（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="166"/>
        <source>Units with quantities</source>
        <translation>含工程量的评价单元</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="171"/>
        <source>Works per unit</source>
        <translation>各单元工程量</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="176"/>
        <source>Soil and earthwork balance</source>
        <translation>土方平衡</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="197"/>
        <source>The units have no field use_proposed: use the output of Evaluate suitability. Fields: {0}</source>
        <translation>评价单元没有 use_proposed 字段：请使用适宜性评价的输出。字段：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="203"/>
        <source>DEM</source>
        <translation>DEM</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="204"/>
        <source>Design surface</source>
        <translation>设计地面</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="208"/>
        <source>A design surface needs the DEM it is levelled from.</source>
        <translation>设计地面需要同时提供其所平整的 DEM。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="214"/>
        <source>Cancelled: no output was written.</source>
        <translation>已取消：未写出任何结果。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="217"/>
        <source>Land levelling failed: {0}</source>
        <translation>土地平整计算失败：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="301"/>
        <source>No DEM: the land levelling (cut and fill) of the rule pack is not computed.</source>
        <translation>未提供 DEM：未计算规则包中的土地平整（挖方与填方）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="307"/>
        <source>Cut and fill per unit from DEM “{0}”…</source>
        <translation>由 DEM“{0}”逐单元计算挖填方……</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="337"/>
        <source>{0} unit(s) have no valid cell of the DEM: no levelling for them.</source>
        <translation>{0} 个单元没有有效的 DEM 像元：未计算其土地平整。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="354"/>
        <source>No topsoil stripping areas: all the cover soil counts as a shortfall (borrowed soil). Give the areas stripped before damage.</source>
        <translation>未提供表土剥离区：全部覆土量计为缺口（借土）。请提供损毁前剥离表土的范围。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="371"/>
        <source>{0} stripping area(s) have no depth in “{1}”: the rule pack's {2} m ({3}) is used for them.</source>
        <translation>{0} 个剥离区在“{1}”中没有厚度：采用规则包的 {2} m（{3}）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="385"/>
        <source>{0}: stripping depths must be above 0 and at most 3 m; features {1}.</source>
        <translation>{0}：剥离厚度须大于 0 且不超过 3 m；要素 {1}。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="528"/>
        <source>Topsoil: {0:,.2f} m³ stripped, {1:,.2f} m³ of cover needed.</source>
        <translation>表土：剥离 {0:,.2f} m³，覆土需求 {1:,.2f} m³。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="145"/>
        <source>Longest haul of topsoil (m; empty: no limit)</source>
        <translation>表土最大运距（m；留空：不限）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="474"/>
        <source>{0} unit(s) cannot get all their cover soil from the stripping areas within {1:g} m ({2:,.2f} m³ short): {3}</source>
        <translation>{0} 个单元在 {1:g} m 运距内无法从表土剥离区获得全部覆土（缺 {2:,.2f} m³）：{3}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="481"/>
        <source>The stripping areas do not hold the cover soil of {0} unit(s) ({1:,.2f} m³ short): {2}</source>
        <translation>表土剥离区的表土不足以覆盖 {0} 个单元（缺 {1:,.2f} m³）：{2}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="487"/>
        <source>Topsoil hauled: {0:,.2f} m³ to {1} unit(s), {2:,.2f} m³·km.</source>
        <translation>表土调运：{0:,.2f} m³ 运至 {1} 个单元，运输量 {2:,.2f} m³·km。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="140"/>
        <source>Stripping year field (before the area&apos;s damage; for the work plan)</source>
        <translation>剥离年份字段（在该区域损毁之前；用于工作计划）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="420"/>
        <source>{0}: “{1}” holds no calendar year (1900–2300) for features {2}.</source>
        <translation>{0}：“{1}”对要素 {2} 不是有效的年份（1900–2300）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="153"/>
        <source>Topsoil stockpiles (where stripped soil is kept)</source>
        <translation>表土堆存场（存放剥离表土）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="161"/>
        <source>Stockpile capacity field (m³; empty: unlimited)</source>
        <translation>堆存场容量字段（m³；留空：不限）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="465"/>
        <source>Topsoil stockpiled: {0:,.2f} m³ ({1:,.2f} m³ find no stockpile with room within reach); carried {2:,.2f} m³·km in all.</source>
        <translation>表土存放：{0:,.2f} m³（{1:,.2f} m³ 在运距内找不到有余量的堆存场）；共运输 {2:,.2f} m³·km。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="505"/>
        <source>The stockpiles layer has no features.</source>
        <translation>表土堆存场图层没有要素。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="514"/>
        <source>{0}: a stockpile capacity below 0 m³.</source>
        <translation>{0}：堆存场容量小于 0 m³。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/estimate_quantities.py" line="327"/>
        <source>{0} unit(s) steeper than their design slope are levelled as terraces.</source>
        <translation>{0} 个坡度超过设计坡度的单元按梯田平整。</translation>
    </message>
</context>
<context>
    <name>EvaluateSuitabilityAlgorithm</name>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="105"/>
        <source>Evaluate suitability and propose land use</source>
        <translation>适宜性评价与复垦方向建议</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="111"/>
        <source>Grades every evaluation unit for cultivated land, garden, forest, grass and water with a rule pack (limiting-factor method by default, or index sum), names the limiting factor of each grade with its observed value and the limit it crossed, and proposes a reclaimed use with its GB/T 21010 code and the measures that lift its limits.

Factors come from fields named like the canonical factors (slope_deg, soil_thickness_cm, ph, …), from Field map ('坡度=slope_deg;土层=soil_thickness_cm'), and optionally from a DEM (mean slope), soil polygons, a groundwater-depth raster and water features, extracted on the fly.

Rule pack: a built-in id (cn-reclamation, fao-sys) or the path of a rule-pack file. Cultivated land is never proposed above the 25° legal slope cap, or the stricter cap given here. Units the data cannot evaluate are kept and marked not evaluated. Areas are ellipsoidal (the ellipsoid of the layer's CRS) in hm² and 亩 (1 hm² = 15 亩).</source>
        <translation>使用规则包（默认为极限条件法，也可用指数和法）对每个评价单元评定耕地、园地、林地、草地和水域的适宜性等级，指出各等级的限制因子及其实测值和所超出的界限值，并提出复垦方向，给出其 GB/T 21010 编码和消除限制的措施。

因子取自与标准因子同名的字段（slope_deg、soil_thickness_cm、ph 等）和字段映射（'坡度=slope_deg;土层=soil_thickness_cm'），也可即时从 DEM（平均坡度）、土壤图斑、地下水埋深栅格和水体要素中提取。

规则包：内置 id（cn-reclamation、fao-sys）或规则包文件路径。坡度超过 25° 法定上限（或此处给出的更严格上限）的单元不会被建议为耕地。数据不足以评价的单元予以保留，并标记为未评价。面积为椭球面积（采用图层 CRS 的椭球），单位为 hm² 和亩（1 hm² = 15 亩）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="129"/>
        <source>Evaluation units</source>
        <translation>评价单元</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="135"/>
        <source>Method</source>
        <translation>评价方法</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="135"/>
        <source>As in the rule pack</source>
        <translation>按规则包设定</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="149"/>
        <source>Provincial cultivation slope cap (degrees, stricter than 25°)</source>
        <translation>省级耕地坡度上限（度，严于 25°）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="159"/>
        <source>Field map (field=factor;…)</source>
        <translation>字段映射（字段=因子;…）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="171"/>
        <source>DEM (for slope)</source>
        <translation>DEM（用于计算坡度）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="175"/>
        <source>Groundwater depth raster (m)</source>
        <translation>地下水埋深栅格（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="180"/>
        <source>Suitability and proposed use</source>
        <translation>适宜性与建议用途</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="187"/>
        <source>Area summary</source>
        <translation>面积汇总</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="206"/>
        <source>The evaluation units layer could not be read.</source>
        <translation>无法读取评价单元图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="231"/>
        <source>Extracting factors from the given sources…</source>
        <translation>正在从给定数据源提取因子…</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="272"/>
        <source>Rule pack {0} needs factors the units do not have: {1}. Map fields with Field map (field=factor) or give a source (DEM, soil, groundwater, water). Fields available: {2}</source>
        <translation>规则包 {0} 需要评价单元所缺少的因子：{1}。请用字段映射（字段=因子）映射字段，或提供数据源（DEM、土壤、地下水、水体）。可用字段：{2}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="405"/>
        <source>Rule pack {0} {1} (sha256 {2})</source>
        <translation>规则包 {0} {1}（sha256 {2}）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="412"/>
        <source>Factors: {0}</source>
        <translation>因子：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="446"/>
        <source>The evaluation units layer has no features.</source>
        <translation>评价单元图层中没有要素。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="457"/>
        <source>Evaluation failed: {0}</source>
        <translation>评价失败：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="498"/>
        <source>Suitability</source>
        <translation>适宜性评价</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="509"/>
        <source>{0} unit(s) could not be evaluated (missing data): use_proposed is empty.</source>
        <translation>{0} 个单元因数据缺失无法评价：其 use_proposed 为空。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="225"/>
        <source>Groundwater depth</source>
        <translation>地下水埋深</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="382"/>
        <source>{0}: {1} unit(s) damaged by pollution have no pollution class; they are taken as over the GB 15618 intervention value (class 2: no food crops) until samples show otherwise.</source>
        <translation>{0}：有 {1} 个受污染损毁的单元没有污染类别；在采样结果另有结论之前，按超过 GB 15618 管制值处理（第 2 类：不种植食用农作物）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="164"/>
        <source>Design values for all units (factor=value;…, e.g. soil_thickness_cm=50)</source>
        <translation>全部单元的设计值（因子=值;…，如 soil_thickness_cm=50）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="260"/>
        <source>Field map: {0}</source>
        <translation>字段映射：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="352"/>
        <source>Design values: {0}</source>
        <translation>设计值：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="356"/>
        <source>Design values: “{0}” is not a factor; use one of {1}.</source>
        <translation>设计值：“{0}”不是评价因子；请使用 {1} 之一。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="362"/>
        <source>Design values</source>
        <translation>设计值</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="428"/>
        <source>{0}: every slope in “{1}” is below 1°: is it in m/m (or a fraction)? Then map it as slope_deg:m_per_m (or :percent for percent).</source>
        <translation>{0}：字段“{1}”中的坡度全部小于 1°：是否以 m/m（或小数）表示？如是，请映射为 slope_deg:m_per_m（百分比则为 :percent）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="437"/>
        <source>Assumed for every unit (DESIGN_VALUES, the state after the designed measures): {0}. Fields of the same factors are not used.</source>
        <translation>对全部单元假定（DESIGN_VALUES，即采取设计措施后的状态）：{0}。同名因子的字段不再使用。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/evaluate_suitability.py" line="541"/>
        <source>The units&apos; field {0} is kept as {1} beside the output&apos;s {2}.</source>
        <translation>评价单元的字段 {0} 改名为 {1} 保留，与输出的 {2} 并存。</translation>
    </message>
</context>
<context>
    <name>EvidenceCheck</name>
    <message>
        <location filename="../../plugin/gui/evidence.py" line="74"/>
        <source>Elevation change needs both DEMs: choose the DEM before and the DEM after mining, or neither.</source>
        <translation>计算高程变化需要两期 DEM：请同时选择采矿前和采矿后 DEM，或两者都不选。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/evidence.py" line="81"/>
        <source>No evidence of disturbed land yet: choose both DEMs, a subsidence raster, mapped facilities or soil samples.</source>
        <translation>尚未提供损毁土地的依据：请选择采矿前后两期 DEM、下沉栅格、矿山设施或土壤采样点。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/evidence.py" line="85"/>
        <source>Give at least one kind of evidence: both DEMs, a subsidence raster, working panels to predict subsidence from, mapped facilities or soil samples.</source>
        <translation>请至少提供一种依据：采矿前后两期 DEM、下沉栅格、用于预计沉陷的工作面、矿山设施或土壤采样点。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/evidence.py" line="93"/>
        <source>Mapped facilities: choose the field that holds each facility&apos;s type.</source>
        <translation>矿山设施：请选择保存各设施类型的字段。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/evidence.py" line="96"/>
        <source>Mapped facilities: choose the damage type of {values}.</source>
        <translation>矿山设施：请为 {values} 选择损毁类型。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/evidence.py" line="101"/>
        <source>Mapped facilities: the values {values} contain “;” or “=” and cannot be mapped; rename them in the layer or keep their suggested type.</source>
        <translation>矿山设施：值 {values} 含有“;”或“=”，无法映射；请在图层中重命名这些值，或保留其建议类型。</translation>
    </message>
</context>
<context>
    <name>EvidencePage</name>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="172"/>
        <source>Study area and evidence</source>
        <translation>项目区与损毁依据</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="199"/>
        <source>Project area</source>
        <translation>项目区</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="202"/>
        <source>Soil samples (mg/kg)</source>
        <translation>土壤采样点（mg/kg）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="203"/>
        <source>Mapped facilities</source>
        <translation>矿山设施</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="204"/>
        <source>Facility type field</source>
        <translation>设施类型字段</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="201"/>
        <source>Working panels (predict the subsidence)</source>
        <translation>工作面（预计开采沉陷）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="217"/>
        <source>Give either working panels (the subsidence is predicted) or a subsidence raster, not both.</source>
        <translation>请提供工作面（将据此预计沉陷）或下沉栅格，二者不能同时提供。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="173"/>
        <source>Where is the mine, and what shows the land it damaged? At least one of: both DEMs, subsidence, working panels, facilities, soil samples.</source>
        <translation>至少提供一种损毁依据：两期 DEM、下沉栅格、工作面、设施或采样点。</translation>
    </message>
</context>
<context>
    <name>EvidenceRows</name>
    <message>
        <location filename="../../plugin/gui/evidence.py" line="35"/>
        <source>Underground mine: lowered ground is subsidence</source>
        <translation>井工矿：地面降低即为塌陷</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/evidence.py" line="39"/>
        <source>DEM before mining</source>
        <translation>采矿前 DEM</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/evidence.py" line="40"/>
        <source>DEM after mining</source>
        <translation>采矿后 DEM</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/evidence.py" line="45"/>
        <source>Subsidence depth raster (m)</source>
        <translation>下沉深度栅格（m）</translation>
    </message>
</context>
<context>
    <name>ExtractFactorsAlgorithm</name>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="93"/>
        <source>Extract factors onto evaluation units</source>
        <translation>提取评价单元因子</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="99"/>
        <source>Fills the canonical factor fields of the evaluation units:
• DEM → slope_deg (mean slope, Horn, in ground metres for any CRS) and slope_max_deg, computed in one pass over the DEM without a slope raster;
• DEM before mining → elev_change_m (mean), elev_change_min_m, elev_change_max_m;
• Rasters → one factor each: a raster named like a factor (e.g. subsidence_m) gives its mean; Raster factors maps others: 'layer name=factor' or 'layer name=factor:statistic' (mean, min, max, majority, std, count), items separated by ';';
• Soil polygons → the factors of Soil fields ('field=factor;…', or the fields already named like factors): area-weighted mean for numbers, the class covering the largest area for classes (texture, irrigation, drainage, pollution);
• Water features → dist_water_m, the distance in metres to the nearest one.

A cell belongs to a unit when its centre is inside it, as in QGIS's zonal statistics; a unit smaller than a cell gets the cell under its point on surface (listed in the log). Units are reprojected to each raster's CRS, never the raster. Units with empty geometries are kept with empty factors.</source>
        <translation>填写评价单元的标准因子字段：
• DEM → slope_deg（平均坡度，Horn 法，任何 CRS 下均按地面米计算）和 slope_max_deg，只需遍历 DEM 一次，无需生成坡度栅格；
• 采矿前 DEM → elev_change_m（平均值）、elev_change_min_m、elev_change_max_m；
• 栅格 → 每个栅格对应一个因子：与因子同名的栅格（如 subsidence_m）取其平均值；其他栅格通过“栅格因子”映射：'图层名=因子' 或 '图层名=因子:统计量'（mean、min、max、majority、std、count），各项以 ';' 分隔；
• 土壤图斑 → “土壤字段”中的因子（'字段=因子;…'，或已与因子同名的字段）：数值取面积加权平均值，类别取覆盖面积最大的类别（质地、灌溉、排水、污染）；
• 水体要素 → dist_water_m，即到最近水体要素的距离（米）。

与 QGIS 分区统计相同，像元中心位于评价单元内即属于该单元；小于一个像元的评价单元取其内点（point on surface）所在的像元（在日志中列出）。评价单元会重投影到各栅格的 CRS，栅格本身从不重投影。几何为空的评价单元予以保留，其因子为空。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="120"/>
        <source>Evaluation units</source>
        <translation>评价单元</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="258"/>
        <source>DEM</source>
        <translation>数字高程模型 (DEM)</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="128"/>
        <source>DEM before mining</source>
        <translation>采矿前 DEM</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="133"/>
        <source>Factor rasters</source>
        <translation>因子栅格</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="141"/>
        <source>Raster factors (layer=factor:statistic;…)</source>
        <translation>栅格因子（图层=因子:统计量;…）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="462"/>
        <source>Soil polygons</source>
        <translation>土壤图斑</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="149"/>
        <source>Units with factors</source>
        <translation>含因子的评价单元</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="159"/>
        <source>{0}: “{1}” is not a factor. Use one of: {2}</source>
        <translation>{0}：“{1}”不是因子。可用因子：{2}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="171"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="179"/>
        <source>RASTER_FACTORS names layers that are not among the rasters: {0}</source>
        <translation>RASTER_FACTORS 中指定的图层不在栅格列表中：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="188"/>
        <source>Raster</source>
        <translation>栅格</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="193"/>
        <source>Raster “{0}”: unknown statistic “{1}”; use one of: {2}</source>
        <translation>栅格“{0}”：未知统计量“{1}”；可用统计量：{2}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="198"/>
        <source>Raster “{0}”</source>
        <translation>栅格“{0}”</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="208"/>
        <source>Soil polygons: no field is named like a factor and SOIL_FIELDS is empty; map fields, e.g. 土层厚度=soil_thickness_cm. Fields: {0}</source>
        <translation>土壤图斑：没有与因子同名的字段，且 SOIL_FIELDS 为空；请映射字段，例如 土层厚度=soil_thickness_cm。字段：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="216"/>
        <source>Soil polygons have no field “{0}”. Fields: {1}</source>
        <translation>土壤图斑中没有字段“{0}”。字段：{1}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="221"/>
        <source>SOIL_FIELDS</source>
        <translation>SOIL_FIELDS</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="250"/>
        <source>The evaluation units layer could not be read.</source>
        <translation>无法读取评价单元图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="259"/>
        <source>DEM before</source>
        <translation>采矿前 DEM</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="261"/>
        <source>DEM_BEFORE needs the DEM after mining (DEM) as well.</source>
        <translation>DEM_BEFORE 还需要同时提供采矿后 DEM（DEM）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="269"/>
        <source>Give at least one source of factors: DEM, rasters, soil or water.</source>
        <translation>请至少提供一种因子数据源：DEM、栅格、土壤或水体。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="282"/>
        <source>Cancelled: no output was written.</source>
        <translation>已取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="285"/>
        <source>Factor extraction failed: {0}</source>
        <translation>因子提取失败：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="300"/>
        <source>{0} unit(s) had invalid geometries and were repaired: {1}</source>
        <translation>{0} 个单元的几何无效，已修复：{1}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="306"/>
        <source>{0} unit(s) have no geometry; their factors stay empty: {1}</source>
        <translation>{0} 个单元没有几何，其因子保持为空：{1}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="331"/>
        <source>Slope per unit from DEM “{0}”…</source>
        <translation>正在根据 DEM“{0}”计算各单元坡度…</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="335"/>
        <source>Elevation change per unit…</source>
        <translation>正在计算各单元高程变化…</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="346"/>
        <source>{0} per unit from “{1}” ({2})…</source>
        <translation>正在根据“{1}”计算各单元的 {0}（{2}）…</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="412"/>
        <source>{0} unit(s) are smaller than a cell of “{1}”: each takes the cell under its point on surface: {2}</source>
        <translation>{0} 个单元小于“{1}”的一个像元：各取其内点所在的像元：{2}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="423"/>
        <source>{0} unit(s) have no valid cell in “{1}” (outside it or NoData): {2}</source>
        <translation>{0} 个单元在“{1}”中没有有效像元（位于其范围外或为 NoData）：{2}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="441"/>
        <source>Soil attributes by overlay (native:intersection)…</source>
        <translation>正在通过叠加分析获取土壤属性（native:intersection）…</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="480"/>
        <source>Distance to the nearest water feature (native:joinbynearest)…</source>
        <translation>正在计算到最近水体要素的距离（native:joinbynearest）…</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="521"/>
        <source>Existing fields overwritten with the extracted values: {0}</source>
        <translation>以下已有字段已被提取值覆盖：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="253"/>
        <source>The evaluation units {0} have no features: nothing to extract.</source>
        <translation>{0} 中没有要素：无可提取的内容。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/extract_factors.py" line="368"/>
        <source>The raster “{0}” does not overlap the evaluation units {1}. In {2}: raster {3}; units {4}. Check that both have the right CRS.</source>
        <translation>栅格“{0}”与 {1} 不重叠。在 {2} 下：栅格范围为 {3}；评价单元范围为 {4}。请检查两者的 CRS 是否正确。</translation>
    </message>
</context>
<context>
    <name>FacilityTypeTable</name>
    <message>
        <location filename="../../plugin/gui/facility_types.py" line="141"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/facility_types.py" line="141"/>
        <source>Damage type</source>
        <translation>损毁类型</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/facility_types.py" line="151"/>
        <source>Excavation (挖损)</source>
        <translation>挖损</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/facility_types.py" line="152"/>
        <source>Occupation (压占)</source>
        <translation>压占</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/facility_types.py" line="153"/>
        <source>Subsidence (塌陷)</source>
        <translation>塌陷</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/facility_types.py" line="154"/>
        <source>Pollution (污染)</source>
        <translation>污染</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/facility_types.py" line="155"/>
        <source>No damage</source>
        <translation>未损毁</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/facility_types.py" line="203"/>
        <source>— choose a damage type —</source>
        <translation>— 选择损毁类型 —</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/facility_types.py" line="221"/>
        <source>Unknown value: choose its damage type.</source>
        <translation>未知值：请选择其损毁类型。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/facility_types.py" line="160"/>
        <source>Each value of the type field needs a damage type. Suggestions come from common Chinese and English names (露天采场, 排土场, waste dump, …); values highlighted in red are unknown: choose their type.</source>
        <translation>类型字段的每个值都需要对应一种损毁类型。建议项根据常见的中英文名称（露天采场、排土场、waste dump 等）给出；红色高亮的值无法识别，请为其选择类型。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/facility_types.py" line="170"/>
        <source>Only the first {count} values are listed.</source>
        <translation>仅列出前 {count} 个值。</translation>
    </message>
</context>
<context>
    <name>LandSoilPage</name>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="302"/>
        <source>Land use and soil</source>
        <translation>土地利用与土壤</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="303"/>
        <source>What was the land before mining, and what are its soil and water like? Everything on this page is optional but makes the plan better.</source>
        <translation>采矿前土地的利用状况如何？其土壤和水文条件怎样？本页各项均为可选，但填写后可提高方案质量。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="337"/>
        <source>Land use before mining</source>
        <translation>采矿前土地利用</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="338"/>
        <source>GB/T 21010 code field</source>
        <translation>GB/T 21010 地类编码字段</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="339"/>
        <source>Soil polygons</source>
        <translation>土壤图斑</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="340"/>
        <source>Soil fields (field=factor;…)</source>
        <translation>土壤字段（字段=因子;…）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="342"/>
        <source>Groundwater depth raster (m)</source>
        <translation>地下水埋深栅格（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="343"/>
        <source>Water features</source>
        <translation>水体要素</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="397"/>
        <source>Fields used by their name when the mapping is empty: {fields}</source>
        <translation>映射为空时按字段名使用的字段：{fields}</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="410"/>
        <source>Land use: choose the field that holds the GB/T 21010 codes.</source>
        <translation>土地利用：请选择保存 GB/T 21010 地类编码的字段。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="420"/>
        <source>Soil fields: {reason}.</source>
        <translation>土壤字段：{reason}。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="423"/>
        <source>Soil fields: the soil layer has no field “{field}”.</source>
        <translation>土壤字段：土壤图层中没有字段“{field}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="427"/>
        <source>Soil fields: “{factor}” is not a factor; use one of {factors}.</source>
        <translation>土壤字段：“{factor}”不是因子；请使用以下因子之一：{factors}。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="431"/>
        <source>Soil polygons: no field is named like a factor; map the soil fields, e.g. 土层厚度=soil_thickness_cm.</source>
        <translation>土壤图斑：没有与因子同名的字段；请映射土壤字段，例如 土层厚度=soil_thickness_cm。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="349"/>
        <source>Your evaluation units or zones</source>
        <translation>自有评价单元或分区</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="350"/>
        <source>Unit id or zone field</source>
        <translation>单元编号或分区字段</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="328"/>
        <source>Without a layer of your own, the units are the disturbed polygons cut by the rule pack's slope classes, and dumps and pits into platforms (平台) and faces (边坡).</source>
        <translation>不提供自有图层时，评价单元为按规则包坡度级别切分的损毁图斑，排土场和采坑再分为平台和边坡。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="344"/>
        <source>Topsoil stripping areas</source>
        <translation>表土剥离区</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="345"/>
        <source>Stripping depth field (m)</source>
        <translation>剥离厚度字段（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="346"/>
        <source>Stripping year field</source>
        <translation>剥离年份字段</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="347"/>
        <source>Topsoil stockpiles</source>
        <translation>表土堆存场</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="348"/>
        <source>Stockpile capacity field (m³)</source>
        <translation>堆存场容量字段（m³）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="325"/>
        <source>Split by slope class, and into platforms and faces</source>
        <translation>按坡度级别切分，并分出平台和边坡</translation>
    </message>
</context>
<context>
    <name>MakeUnitsAlgorithm</name>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="110"/>
        <source>Make evaluation units</source>
        <translation>划分评价单元</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="135"/>
        <source>Disturbed land</source>
        <translation>损毁土地</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="140"/>
        <source>DEM after mining (for slope classes)</source>
        <translation>采矿后 DEM（用于坡度级别）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="145"/>
        <source>Zones or your own units (optional)</source>
        <translation>分区或自有评价单元（可选）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="153"/>
        <source>Zone name or unit id field</source>
        <translation>分区名称或单元编号字段</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="162"/>
        <source>Split by slope class and into platforms and faces</source>
        <translation>按坡度级别切分，并分为平台和边坡</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="169"/>
        <source>Minimum unit area (m²; empty: the rule pack's)</source>
        <translation>最小单元面积（m²；留空取规则包设定值）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="178"/>
        <source>Face slope limit on dumps and pits (degrees; empty: the rule pack&apos;s)</source>
        <translation>排土场和采坑边坡坡度界限（度；留空取规则包设定值）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="188"/>
        <source>Evaluation units</source>
        <translation>评价单元</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="225"/>
        <source>The disturbed land layer could not be read.</source>
        <translation>无法读取损毁土地图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="228"/>
        <source>{0} has no features: no units to make.</source>
        <translation>{0} 没有要素，无法划分评价单元。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="231"/>
        <source>DEM</source>
        <translation>DEM</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="234"/>
        <source>No DEM was given: the units are not split by slope class or into platforms and faces.</source>
        <translation>未提供 DEM：评价单元不按坡度级别切分，也不分平台和边坡。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="255"/>
        <source>Cancelled: no output was written.</source>
        <translation>已取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="258"/>
        <source>Making the units failed: {0}</source>
        <translation>划分评价单元失败：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="278"/>
        <source>Minimum unit area {0:g} m²</source>
        <translation>最小单元面积 {0:g} m²</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="278"/>
        <source>; slope classes at {0}°; faces steeper than {1:g}° on {2}</source>
        <translation>；坡度分级界限 {0}°；{2}中坡度大于 {1:g}° 的为边坡</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="278"/>
        <source> (rule pack {0})</source>
        <translation>（规则包 {0}）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="380"/>
        <source>Slope classes and platforms/faces from the DEM…</source>
        <translation>根据 DEM 划分坡度级别和平台/边坡……</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="392"/>
        <source>The DEM does not cover the disturbed land.</source>
        <translation>DEM 未覆盖损毁土地。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="519"/>
        <source>{0} evaluation units from {1} disturbed polygons.</source>
        <translation>由 {1} 个损毁图斑划分出 {0} 个评价单元。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/make_units.py" line="116"/>
        <source>Evaluation units (评价单元) from the disturbed land: every disturbed polygon (one damage type, degree and land use before damage) is cut by your zones when given, by the rule pack's slope classes of the DEM, and on dumps and pits into platforms (平台) and faces (边坡) steeper than the pack's face limit. Pieces smaller than the minimum unit area join the piece of the same polygon with which they share the longest border, so a unit never mixes damage types, degrees or land uses. The units tile the disturbed land exactly.

Each unit keeps the fields of its disturbed polygon and gets unit_id (numbered by damage type — excavation, subsidence, occupation, pollution — then north to south and west to east, platforms before faces, then slope class: the same land gives the same numbers, whatever the order of the features), parent_id (the disturbed polygon's feature id), zone, slope_class (1 = the flattest class of the pack) and landform (platform or face on dumps and pits). To evaluate your own units, give them as zones and turn slope splitting off.</source>
        <translation>由损毁土地划分评价单元：每个损毁图斑（一种损毁类型、损毁程度和损毁前地类）先按给定的分区切分，再按 DEM 坡度和规则包的坡度级别切分；排土场和采坑再分为平台和坡度大于规则包边坡界限的边坡。小于最小单元面积的碎块并入同一图斑内与其公共边界最长的相邻碎块，因此一个单元不会混合不同的损毁类型、程度或地类。评价单元与损毁土地完全吻合，无缝无叠。

每个单元保留其损毁图斑的字段，并新增 unit_id（按损毁类型——挖损、塌陷、压占、污染——再自北向南、自西向东，先平台后边坡，再按坡度级别编号：同一片土地得到相同编号，与要素顺序无关）、parent_id（损毁图斑的要素编号）、zone（分区）、slope_class（1 为规则包最平缓的坡度级别）和 landform（排土场和采坑上的 platform 平台或 face 边坡）。如需评价自有单元，请将其作为分区给出并关闭坡度切分。</translation>
    </message>
</context>
<context>
    <name>OutputsPage</name>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="588"/>
        <source>Outputs</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="595"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="616"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="600"/>
        <source>HTML (opened at the end)</source>
        <translation>HTML（完成后打开）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="601"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="602"/>
        <source>XLSX tables</source>
        <translation>XLSX 表格</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="617"/>
        <source>Report title</source>
        <translation>报告标题</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="618"/>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="646"/>
        <source>Choose the folder to write the plan into.</source>
        <translation>请选择写入复垦方案的文件夹。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="649"/>
        <source>“{path}” is a file, not a folder.</source>
        <translation>“{path}”是文件，不是文件夹。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="651"/>
        <source>The folder “{path}” cannot be written to.</source>
        <translation>无法写入文件夹“{path}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="653"/>
        <source>Give the report a title.</source>
        <translation>请为报告指定标题。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="662"/>
        <source>The folder “{path}” cannot be created: {reason}</source>
        <translation>无法创建文件夹“{path}”：{reason}</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="589"/>
        <source>All results go into one folder: the plan&apos;s layers and tables as GeoPackages and the reports. An earlier run&apos;s files are kept: the new ones get a number.</source>
        <translation>所有结果都写入同一个文件夹：方案的图层和表格保存为 GeoPackage，另有各报告。之前运行生成的文件会保留，新文件名将附加编号。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="605"/>
        <source>Chinese for rule packs of China, else the language of QGIS</source>
        <translation>规则包适用于中国时为中文，否则为 QGIS 界面语言</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="619"/>
        <source>Report language</source>
        <translation>报告语言</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="621"/>
        <source>Project overview</source>
        <translation>项目概况</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="603"/>
        <source>Word (DOCX)</source>
        <translation>Word（DOCX）</translation>
    </message>
</context>
<context>
    <name>PanelSettingsWidget</name>
    <message>
        <location filename="../../plugin/gui/panel_settings.py" line="60"/>
        <source>Field (per panel)</source>
        <translation>字段（逐工作面）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/panel_settings.py" line="61"/>
        <source>Value for all panels</source>
        <translation>所有工作面统一值</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/panel_settings.py" line="71"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/panel_settings.py" line="85"/>
        <source>Mining thickness m (采厚)</source>
        <translation>开采厚度 m（采厚）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/panel_settings.py" line="86"/>
        <source>Mean mining depth H (埋深)</source>
        <translation>平均采深 H（埋深）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/panel_settings.py" line="87"/>
        <source>Subsidence factor q (下沉系数)</source>
        <translation>下沉系数 q</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/panel_settings.py" line="88"/>
        <source>tan β (主要影响角正切)</source>
        <translation>主要影响角正切 tan β</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/panel_settings.py" line="89"/>
        <source>Horizontal movement coefficient b</source>
        <translation>水平移动系数 b</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/panel_settings.py" line="90"/>
        <source>Inflection-point offset s</source>
        <translation>拐点偏移距 s</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/panel_settings.py" line="91"/>
        <source>Propagation angle θ</source>
        <translation>开采影响传播角 θ</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/panel_settings.py" line="92"/>
        <source>Seam dip α (倾角)</source>
        <translation>煤层倾角 α</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/panel_settings.py" line="93"/>
        <source>Dip direction (azimuth)</source>
        <translation>倾向（方位角）</translation>
    </message>
</context>
<context>
    <name>PlanManyAlgorithm</name>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="117"/>
        <source>Plan many mines (province run)</source>
        <translation>多矿山批量编制（全省运行）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="149"/>
        <source>Mines (one polygon per mine)</source>
        <translation>矿山（每个矿山一个面）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="156"/>
        <source>Mine id field</source>
        <translation>矿山编号字段</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="161"/>
        <source>Mine name field</source>
        <translation>矿山名称字段</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="209"/>
        <source>Reach around each mine for the shared layers (m)</source>
        <translation>共用图层按矿山外扩的范围（米）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="218"/>
        <source>Review pack (empty: no review)</source>
        <translation>审查规则包（留空：不审查）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="221"/>
        <source>Reports of each mine</source>
        <translation>各矿山的报告</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="231"/>
        <source>Worker processes (0: in QGIS&apos;s own process)</source>
        <translation>工作进程数（0：在 QGIS 自身进程中运行）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="240"/>
        <source>Output folder (one folder per mine)</source>
        <translation>输出文件夹（每个矿山一个子文件夹）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="245"/>
        <source>Province table</source>
        <translation>全省汇总表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="250"/>
        <source>Province summary (HTML)</source>
        <translation>全省汇总页（HTML）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="250"/>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="262"/>
        <source>Field with each mine&apos;s DEM before mining (path)</source>
        <translation>各矿山采矿前 DEM 所在字段（路径）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="263"/>
        <source>Field with each mine&apos;s DEM after mining (path)</source>
        <translation>各矿山采矿后 DEM 所在字段（路径）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="264"/>
        <source>Field with each mine&apos;s subsidence raster (path)</source>
        <translation>各矿山沉陷栅格所在字段（路径）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="314"/>
        <source>Mines: every mine needs an id of its own in “{0}”. Without an id: feature(s) {1}; repeated: {2}.</source>
        <translation>矿山：每个矿山在“{0}”中都需要唯一的编号。缺少编号的要素：{1}；重复的编号：{2}。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="325"/>
        <source>Mines: the layer has no feature.</source>
        <translation>矿山：图层中没有要素。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="508"/>
        <source>{0} ({1}): the file “{2}” does not exist.</source>
        <translation>{0}（{1}）：文件“{2}”不存在。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="519"/>
        <source>{0}: neither a shared raster ({1}) nor a path in the field {2} for this mine.</source>
        <translation>{0}：该矿山既没有共用栅格（{1}），字段 {2} 中也没有路径。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="567"/>
        <source>Mine {0}: its output {1} would overwrite the input {2} ({3}). Choose another output folder.</source>
        <translation>矿山 {0}：其输出 {1} 会覆盖输入“{2}”（{3}）。请选择其他输出文件夹。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="638"/>
        <source>The worker processes could not start QGIS (set WORKERS to 0 to plan the mines in QGIS&apos;s own process): {0}</source>
        <translation>工作进程无法启动 QGIS（将 WORKERS 设为 0 可在 QGIS 自身进程中编制各矿山）：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="651"/>
        <source>Mine {0}: plan made in {1:.1f} s.</source>
        <translation>矿山 {0}：方案已编制，用时 {1:.1f} 秒。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="655"/>
        <source>Mine {0}: {1}</source>
        <translation>矿山 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="790"/>
        <source>{0} of {1} mines planned; {2} failed.</source>
        <translation>{1} 个矿山中已编制 {0} 个；失败 {2} 个。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="179"/>
        <source>Mine id field of the shared layers (layers without it: by location)</source>
        <translation>共用图层中的矿山编号字段（无此字段的图层按位置裁切）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="123"/>
        <source>The reclamation plan of every mine of a layer in one run: one feature per mine (MINES) with its id (MINE_ID_FIELD) → one folder per mine with its plan (disturbance.gpkg, suitability.gpkg, tables.gpkg, the report) and, with a review pack, its review (review.gpkg, review.html) → the province table: one row per mine with its damaged area by type, proposed area by use, reclamation rate, cultivated land before and after, warnings, review findings and status, and a total row.

The other parameters are those of the plan run, shared by all mines and cut to each: a layer with the field named by LAYER_MINE_FIELD keeps the features of the mine (those whose value is the mine's id); any other layer keeps those within MARGIN metres of the mine's boundary (the grid, roads and settlements stay whole: they are measured by distance; tables such as the prices too). The mine's boundary is its study area. A mine's DEMs and subsidence raster can be paths in fields of MINES (relative to the layer's folder), and so can any other input through MINE_INPUTS (parameter=field;…, e.g. PANELS=工作面文件): a mine's own layer is used whole. A shared raster is cut to a window around the mine.

A mine that fails is a row with its reason and leaves nothing in its folder; the others go on. The mines are planned side by side by WORKERS processes (each starts QGIS once; 0: one after another in QGIS's own process); the results are the same either way.</source>
        <translation>一次运行为图层中的每个矿山编制复垦方案：每个矿山一个要素（MINES），带矿山编号（MINE_ID_FIELD）→ 每个矿山一个文件夹，内含其方案（disturbance.gpkg、suitability.gpkg、tables.gpkg 和报告），给定审查规则包时还有审查结果（review.gpkg、review.html）→ 全省汇总表：每个矿山一行，列出按类型的损毁面积、按用途的复垦方向面积、复垦率、复垦前后耕地、警告、审查问题数和状态，另加合计行。

其余参数即完整流程的参数，由各矿山共用并按矿山裁切：含 LAYER_MINE_FIELD 所指字段的图层保留该矿山的要素（字段值为该矿山编号者）；其他图层保留矿山边界外 MARGIN 米范围内的要素（电网、道路和居民点按距离计算，保持完整；价格表等无几何的表也保持完整）。矿山边界即其研究范围。矿山的 DEM 和沉陷栅格可作为路径写在 MINES 的字段中（相对路径从该图层所在文件夹算起），其他输入也可通过 MINE_INPUTS（参数=字段;…，如 PANELS=工作面文件）这样提供：矿山自己的图层整体使用，不裁切。共用栅格按矿山周围的窗口裁切。

某个矿山失败时，该行写明原因，其文件夹中不留任何内容；其他矿山照常进行。各矿山由 WORKERS 个进程并行编制（每个进程只启动一次 QGIS；0 表示在 QGIS 自身进程中逐个编制）；两种方式结果相同。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="186"/>
        <source>Each mine's own inputs (parameter=field of the mines with a path;…)</source>
        <translation>各矿山自己的输入（参数=矿山图层中存放路径的字段;…）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="482"/>
        <source>Each mine&apos;s own inputs: {0} is not parameter=field with an input layer, raster or file of the plan and a field of the mines ({1}).</source>
        <translation>各矿山自己的输入：{0} 不是“参数=字段”的形式，或参数不是完整流程的输入图层、栅格或文件，或字段不在矿山图层中（{1}）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="796"/>
        <source>Province run</source>
        <translation>多矿山批量编制</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="390"/>
        <source>The mine has no boundary (an empty geometry in MINES).</source>
        <translation>该矿山没有边界（MINES 中的几何为空）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/plan_many.py" line="396"/>
        <source>The mine&apos;s boundary cannot be brought into {0} (coordinates outside the CRS).</source>
        <translation>该矿山的边界无法转换到 {0}（坐标超出该坐标系范围）。</translation>
    </message>
</context>
<context>
    <name>PlanMaps</name>
    <message>
        <location filename="../../plugin/provider/plan_maps.py" line="83"/>
        <source>Current land use map</source>
        <translation>土地利用现状图</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/plan_maps.py" line="84"/>
        <source>Land damage analysis map</source>
        <translation>土地损毁分析图</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/plan_maps.py" line="85"/>
        <source>Land reclamation plan map</source>
        <translation>土地复垦规划图</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/plan_maps.py" line="232"/>
        <source>Coordinate grid</source>
        <translation>坐标格网</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/plan_maps.py" line="261"/>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/plan_maps.py" line="321"/>
        <source>Map</source>
        <translation>图名</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/plan_maps.py" line="322"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/plan_maps.py" line="323"/>
        <source>Prepared by</source>
        <translation>编制单位</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/plan_maps.py" line="324"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/plan_maps.py" line="325"/>
        <source>Sheet</source>
        <translation>图号</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/plan_maps.py" line="325"/>
        <source>Figure {0}</source>
        <translation>附图{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/plan_maps.py" line="92"/>
        <source>Current land use</source>
        <translation>土地利用现状</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/plan_maps.py" line="93"/>
        <source>Damage type and degree</source>
        <translation>损毁类型与程度</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/plan_maps.py" line="94"/>
        <source>Proposed use</source>
        <translation>拟复垦地类</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/plan_maps.py" line="86"/>
        <source>Ecological network map</source>
        <translation>生态网络图</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/plan_maps.py" line="95"/>
        <source>Ecological corridors</source>
        <translation>生态廊道</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/plan_maps.py" line="96"/>
        <source>Ecological sources</source>
        <translation>生态源地</translation>
    </message>
</context>
<context>
    <name>PlanWizard</name>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="753"/>
        <source>Reclamation plan wizard</source>
        <translation>复垦方案向导</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="869"/>
        <source>Disturbed land</source>
        <translation>损毁土地</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="870"/>
        <source>Disturbed land summary</source>
        <translation>损毁土地汇总</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="871"/>
        <source>Suitability and proposed use</source>
        <translation>适宜性与建议用途</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="872"/>
        <source>Suitability summary</source>
        <translation>适宜性评价汇总</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="892"/>
        <source>Reclamation plan</source>
        <translation>复垦方案</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="895"/>
        <source>Run “{name}”</source>
        <translation>运行“{name}”</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="901"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="920"/>
        <source>Go back to change the inputs, or close the wizard.</source>
        <translation>请返回修改输入，或关闭向导。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="1009"/>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="1013"/>
        <source>The layers are in the group “{group}”.</source>
        <translation>图层位于“{group}”组中。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="1030"/>
        <source>Files written:</source>
        <translation>已写入的文件：</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="1044"/>
        <source>Disturbed land: {hm2:.2f} hm² ({mu:.1f} 亩).</source>
        <translation>损毁土地：{hm2:.2f} hm²（{mu:.1f} 亩）。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="1058"/>
        <source>Proposed uses: {uses}.</source>
        <translation>建议用途：{uses}。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="1111"/>
        <source>Land reclamation plan</source>
        <translation>土地复垦规划</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="978"/>
        <source>The plan&apos;s maps could not be made: {0}</source>
        <translation>无法生成方案附图：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="1021"/>
        <source>The plan&apos;s maps are print layouts of the project: {0}.</source>
        <translation>方案附图已作为工程的打印布局：{0}。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="767"/>
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="767"/>
        <source>Next &gt;</source>
        <translation>下一步 &gt;</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="767"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="767"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="873"/>
        <source>Ecological corridors</source>
        <translation>生态廊道</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="874"/>
        <source>Ecological sources</source>
        <translation>生态源地</translation>
    </message>
</context>
<context>
    <name>PredictSubsidenceAlgorithm</name>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="154"/>
        <source>Predict mining subsidence (probability integral method)</source>
        <translation>开采沉陷预计（概率积分法）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="160"/>
        <source>Final surface subsidence over underground working panels by the probability integral method (概率积分法) of the Chinese coal-industry code 《建筑物、水体、铁路及主要井巷煤柱留设与压煤开采规范》 (2017).

Each panel (a polygon, in plan view) has a mining thickness m, a mean depth H, a seam dip α, a subsidence factor q, tan β, a horizontal movement coefficient b, an inflection-point offset s (metres) and a propagation angle θ, from a field or one value for all panels (a field value wins; an empty field value falls back to the value). Thickness and depth have no default.

W0 = m·q·cos α; r = H / tan β; the footprint is shrunk inward by s on every edge (a mitred negative buffer) and moved down-dip by H·cot θ (needs the dip direction when θ &lt; 90°); W = W0 × (footprint ⊛ (1/r²)·exp(−π ρ²/r²)), by FFT on the grid, summed over panels.

Outputs: subsidence W (m, positive down); tilt i = |∇W| (mm/m); curvature K (10⁻³/m): the principal curvature of largest magnitude, positive where the ground is convex (basin margin); horizontal deformation ε = b·r·K (mm/m, positive = tension); contours of W (0.01, 0.5, 1, 2, … m by default). With a DEM: the surface after subsidence (DEM − W). With the groundwater depth d (a raster or one value, metres below the surface before mining): the ponding depth W − d where positive.

Grid: the DEM's grid, or EXTENT (default: the panels plus 2.5 r) and CELL_SIZE (default: r/10 rounded down) in the panels' CRS; panels in a geographic CRS are projected to the CGCS2000 3° Gauss–Krüger zone (UTM outside China) of their centre. A cell larger than r/10 is warned about.

Use the mine's own observation-station parameters. Published station values (Shandong, Sci. Rep. 2025) span q 0.34–0.82, b 0.30–0.32, tan β 1.5–2.2; the defaults α 0°, q 0.8, tan β 2.0, b 0.3, s 0 m, θ 90° are typical values, NOT taken from the code's own tables (which could not be read).</source>
        <translation>按中国煤炭行业规范《建筑物、水体、铁路及主要井巷煤柱留设与压煤开采规范》（2017）中的概率积分法，预计井下工作面上方的最终地表下沉。

每个工作面（平面图上的多边形）具有开采厚度 m、平均采深 H、煤层倾角 α、下沉系数 q、tan β、水平移动系数 b、拐点偏移距 s（米）和开采影响传播角 θ，各参数可取自字段，或为所有工作面统一取值（字段值优先；字段值为空时采用统一值）。开采厚度和采深没有默认值。

W0 = m·q·cos α；r = H / tan β；工作面轮廓各边向内收缩 s（斜接方式的负缓冲区），并沿下倾方向移动 H·cot θ（θ &lt; 90° 时需要给出倾向）；W = W0 × (轮廓 ⊛ (1/r²)·exp(−π ρ²/r²))，在格网上用 FFT 计算，并对所有工作面求和。

输出：下沉 W（m，向下为正）；倾斜 i = |∇W|（mm/m）；曲率 K（10⁻³/m）：绝对值最大的主曲率，地面上凸处（下沉盆地边缘）为正；水平变形 ε = b·r·K（mm/m，拉伸为正）；W 的等值线（默认 0.01、0.5、1、2、… m）。提供 DEM 时：输出下沉后地表（DEM − W）。提供地下水埋深 d（栅格或统一值，采矿前地表以下的米数）时：输出积水深度 W − d（仅取正值部分）。

格网：采用 DEM 的格网，或在工作面的 CRS 下采用 EXTENT（默认：工作面范围外扩 2.5 r）和 CELL_SIZE（默认：r/10 向下取整）；地理坐标系下的工作面会投影到其中心所在的 CGCS2000 3° 高斯–克吕格投影带（中国境外为 UTM）。像元大于 r/10 时会给出警告。

请使用本矿地表移动观测站的实测参数。已发表的观测站参数（山东，Sci. Rep. 2025）范围为 q 0.34–0.82、b 0.30–0.32、tan β 1.5–2.2；默认值 α 0°、q 0.8、tan β 2.0、b 0.3、s 0 m、θ 90° 为典型值，并非取自该规范自身的表格（未能查阅）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="192"/>
        <source>Mining thickness m (m)</source>
        <translation>开采厚度 m（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="193"/>
        <source>Mean mining depth H (m)</source>
        <translation>平均采深 H（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="194"/>
        <source>Seam dip α (degrees)</source>
        <translation>煤层倾角 α（度）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="195"/>
        <source>Subsidence factor q</source>
        <translation>下沉系数 q</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="196"/>
        <source>Tangent of the major influence angle tan β</source>
        <translation>主要影响角正切 tan β</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="202"/>
        <source>Horizontal movement coefficient b</source>
        <translation>水平移动系数 b</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="208"/>
        <source>Inflection-point offset s (m)</source>
        <translation>拐点偏移距 s（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="209"/>
        <source>Propagation angle of extraction influence θ (degrees)</source>
        <translation>开采影响传播角 θ（度）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="215"/>
        <source>Dip direction (azimuth of the down-dip direction, degrees from north)</source>
        <translation>倾向（下倾方向的方位角，自北起算，度）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="224"/>
        <source>Working panels (polygons, plan view)</source>
        <translation>工作面（多边形，平面图）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="232"/>
        <source>{0}: field</source>
        <translation>{0}：字段</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="241"/>
        <source>{0}: value for all panels</source>
        <translation>{0}：所有工作面统一值</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="250"/>
        <source>DEM before mining (gives the grid)</source>
        <translation>采矿前 DEM（确定格网）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="255"/>
        <source>Extent (without a DEM)</source>
        <translation>范围（无 DEM 时）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="260"/>
        <source>Cell size in metres (without a DEM; empty: r/10)</source>
        <translation>像元大小，米（无 DEM 时；留空为 r/10）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="268"/>
        <source>Groundwater depth before mining (m below the surface)</source>
        <translation>采矿前地下水埋深（地表以下 m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="275"/>
        <source>Groundwater depth, one value (m), if there is no raster</source>
        <translation>地下水埋深统一值（m），无栅格时使用</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="283"/>
        <source>Contour levels (m, comma-separated; empty: 0.01, 0.5, 1, 2, …)</source>
        <translation>等值线值（m，以逗号分隔；留空为 0.01, 0.5, 1, 2, …）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="290"/>
        <source>Subsidence (m)</source>
        <translation>下沉（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="293"/>
        <source>Tilt (mm/m)</source>
        <translation>倾斜（mm/m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="298"/>
        <source>Curvature (10⁻³/m)</source>
        <translation>曲率（10⁻³/m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="303"/>
        <source>Horizontal deformation (mm/m)</source>
        <translation>水平变形（mm/m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="311"/>
        <source>Ponding depth (m)</source>
        <translation>积水深度（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="319"/>
        <source>Surface after subsidence (m)</source>
        <translation>下沉后地表（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="327"/>
        <source>Subsidence contours</source>
        <translation>下沉等值线</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="352"/>
        <source>“{0}”</source>
        <translation>“{0}”</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="356"/>
        <source>{0} is missing: choose the field of the panels that holds it ({1}_FIELD) or give one value for all panels ({1}).</source>
        <translation>缺少{0}：请选择工作面图层中保存该值的字段（{1}_FIELD），或为所有工作面给出统一值（{1}）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="368"/>
        <source>is not a finite number</source>
        <translation>不是有限数值</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="370"/>
        <source>must be greater than 0</source>
        <translation>必须大于 0</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="372"/>
        <source>must be 0 or more</source>
        <translation>必须大于或等于 0</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="374"/>
        <source>must be at least 0° and less than 90°</source>
        <translation>必须大于或等于 0° 且小于 90°</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="376"/>
        <source>must be greater than 0° and at most 90°</source>
        <translation>必须大于 0° 且小于或等于 90°</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="380"/>
        <source>{0} {1} is {2}: it {3}.</source>
        <translation>{0} {1} 为 {2}：{3}。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="390"/>
        <source>(value {0})</source>
        <translation>（统一值 {0}）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="397"/>
        <source>Panel {0}: field “{1}” holds “{2}”, not a number.</source>
        <translation>工作面 {0}：字段“{1}”的值“{2}”不是数值。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="402"/>
        <source>of panel {0} (field “{1}”)</source>
        <translation>（工作面 {0}，字段“{1}”）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="405"/>
        <source>Panel {0} has no {1}: its field “{2}” is empty and {3} gives no value for all panels.</source>
        <translation>工作面 {0} 缺少{1}：其字段“{2}”为空，且 {3} 未给出所有工作面的统一值。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="430"/>
        <source>DEM</source>
        <translation>数字高程模型 (DEM)</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="431"/>
        <source>Groundwater depth</source>
        <translation>地下水埋深</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="436"/>
        <source>The groundwater depth GROUNDWATER_DEPTH_VALUE is {0}: give the depth below the ground surface, 0 or more metres.</source>
        <translation>地下水埋深 GROUNDWATER_DEPTH_VALUE 为 {0}：请给出地表以下的埋深，单位为米，且不小于 0。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="443"/>
        <source>Both a groundwater raster and a value are given: the raster is used, GROUNDWATER_DEPTH_VALUE is ignored.</source>
        <translation>同时给出了地下水埋深栅格和统一值：将使用栅格，忽略 GROUNDWATER_DEPTH_VALUE。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="463"/>
        <source>A ponding output needs the groundwater depth: a raster (GROUNDWATER_DEPTH) or one value (GROUNDWATER_DEPTH_VALUE).</source>
        <translation>输出积水深度需要地下水埋深：栅格（GROUNDWATER_DEPTH）或统一值（GROUNDWATER_DEPTH_VALUE）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="470"/>
        <source>The surface after subsidence (DEM_AFTER) needs a DEM.</source>
        <translation>输出下沉后地表（DEM_AFTER）需要提供 DEM。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="475"/>
        <source>The panels layer has no polygons.</source>
        <translation>工作面图层中没有多边形。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="487"/>
        <source>The grid CRS {0} is not in metres: give a DEM in a projected CRS in metres, or panels in such a CRS.</source>
        <translation>格网 CRS {0} 的单位不是米：请提供以米为单位的投影坐标系下的 DEM，或该类坐标系下的工作面。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="494"/>
        <source>Panels in {0} are projected to {1} for the prediction.</source>
        <translation>工作面已从 {0} 投影到 {1} 进行预计。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="501"/>
        <source>No panel is left after the inflection-point offset: every panel is narrower than twice its offset s.</source>
        <translation>拐点偏移后没有剩余的工作面：所有工作面的宽度都小于其偏移距 s 的两倍。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="560"/>
        <source>Cancelled: no output was written.</source>
        <translation>已取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="525"/>
        <source>Panels without influence on the grid (outside it): {0}</source>
        <translation>对格网无影响的工作面（位于格网外）：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="535"/>
        <source>Maximum subsidence {0:.3f} m, tilt {1:.2f} mm/m, curvature {2:.4f} 10⁻³/m, horizontal deformation {3:.2f} mm/m.</source>
        <translation>最大下沉 {0:.3f} m，倾斜 {1:.2f} mm/m，曲率 {2:.4f} 10⁻³/m，水平变形 {3:.2f} mm/m。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="563"/>
        <source>Subsidence prediction failed: {0}</source>
        <translation>开采沉陷预计失败：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="594"/>
        <source>Contour level “{0}” (CONTOUR_LEVELS) is not a number.</source>
        <translation>等值线值“{0}”（CONTOUR_LEVELS）不是数值。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="600"/>
        <source>Contour level {0} (CONTOUR_LEVELS) must be greater than 0.</source>
        <translation>等值线值 {0}（CONTOUR_LEVELS）必须大于 0。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="613"/>
        <source>The panels layer has no CRS: set it (Layer Properties › Source) and run again.</source>
        <translation>工作面图层没有 CRS：请先设置（图层属性 › 源）再重新运行。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="683"/>
        <source>Panel {0} cannot be projected from {1} to {2}.</source>
        <translation>无法将工作面 {0} 从 {1} 投影到 {2}。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="693"/>
        <source>Panel {0} is skipped: it is narrower than twice its inflection-point offset s = {1} m.</source>
        <translation>已跳过工作面 {0}：其宽度小于拐点偏移距 s = {1} m 的两倍。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="703"/>
        <source>Panel {0} has a propagation angle of {1}° (below 90°), which moves its basin down-dip: give the dip direction (DIP_DIRECTION_FIELD or DIP_DIRECTION, azimuth in degrees from north).</source>
        <translation>工作面 {0} 的开采影响传播角为 {1}°（小于 90°），会使其下沉盆地向下倾方向偏移：请给出倾向（DIP_DIRECTION_FIELD 或 DIP_DIRECTION，自北起算的方位角，单位为度）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="728"/>
        <source>Panel {0}: subsidence factor q = {1} is above 1 (only reported under very thick loose layers); check it.</source>
        <translation>工作面 {0}：下沉系数 q = {1} 大于 1（仅在松散层极厚时有报道），请核查。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="762"/>
        <source>CELL_SIZE is {0}: it must be greater than 0 metres.</source>
        <translation>CELL_SIZE 为 {0}：必须大于 0 米。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="783"/>
        <source>The extent (EXTENT) is empty.</source>
        <translation>范围（EXTENT）为空。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="788"/>
        <source>The grid would have {0} × {1} cells (more than {2}): use a larger CELL_SIZE or a smaller EXTENT.</source>
        <translation>格网将有 {0} × {1} 个像元（超过 {2}）：请增大 CELL_SIZE 或缩小 EXTENT。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="798"/>
        <source>The DEM grid has {0} × {1} cells (more than {2}): resample the DEM to larger cells, or use EXTENT and CELL_SIZE instead.</source>
        <translation>DEM 格网有 {0} × {1} 个像元（超过 {2}）：请将 DEM 重采样为更大的像元，或改用 EXTENT 和 CELL_SIZE。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="825"/>
        <source>The cell size {0} m is larger than r/10 = {1} m (smallest major influence radius r = {2} m): subsidence stays close, but tilt, curvature and horizontal deformation need cells of {1} m or less.</source>
        <translation>像元大小 {0} m 大于 r/10 = {1} m（最小主要影响半径 r = {2} m）：下沉值仍较准确，但倾斜、曲率和水平变形需要 {1} m 或更小的像元。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="378"/>
        <source>must be an azimuth in degrees (−360 to 360)</source>
        <translation>必须是以度为单位的方位角（−360 至 360）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="643"/>
        <source>DEM “{0}” is in a geographic CRS: it is warped (bilinear) to {1}, the CRS of the output grid.</source>
        <translation>DEM“{0}”为地理坐标系：将以双线性方法重投影到输出格网的 CRS {1}。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="656"/>
        <source>DEM “{0}” is not a north-up grid: warp it first (Raster › Projections › Warp (Reproject)).</source>
        <translation>DEM“{0}”不是正北朝上的格网：请先进行重投影（栅格 › 投影 › 变形（重投影））。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="572"/>
        <source>Predicted subsidence</source>
        <translation>开采沉陷预计</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="711"/>
        <source>Panel {0}: the mining thickness {1} m is not less than the mining depth {2} m; a seam lies below the surface. Check both fields or values (units: metres).</source>
        <translation>工作面 {0}：开采厚度 {1} m 不小于采深 {2} m，而煤层应位于地表以下。请检查这两个字段或数值（单位：米）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="721"/>
        <source>Panel {0}: horizontal movement coefficient b = {1} is above 1 (observed values lie near 0.2–0.4); check it.</source>
        <translation>工作面 {0}：水平移动系数 b = {1} 大于 1（实测值一般在 0.2–0.4 左右），请核查。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="811"/>
        <source>Panel {0}: its influence radius r = H / tan β = {1} m (tan β {2}) needs a window of {3:.0f} cells (more than {4}). Check tan β (observed values lie near 1.5–2.5) and the depth, or use larger cells.</source>
        <translation>工作面 {0}：其主要影响半径 r = H / tan β = {1} m（tan β 为 {2}），需要 {3:.0f} 个像元的窗口（超过 {4}）。请检查 tan β（实测值一般在 1.5–2.5 左右）和采深，或使用更大的像元。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/predict_subsidence.py" line="846"/>
        <source>The grid of {0} × {1} cells needs {2:.1f} GB of scratch space in {3}; {4:.1f} GB are free. Free some space, or use larger cells.</source>
        <translation>{0} × {1} 个像元的格网需要在 {3} 中占用 {2:.1f} GB 临时空间，当前可用 {4:.1f} GB。请释放一些空间，或使用更大的像元。</translation>
    </message>
</context>
<context>
    <name>PredictionPage</name>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="255"/>
        <source>Subsidence predicted from the working panels</source>
        <translation>根据工作面预计开采沉陷</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="269"/>
        <source>Without your own values, q 0.8, tan β 2.0, b 0.3, s 0 m and θ 90° are typical values, not those of your mine. The groundwater depth of the next page gives the ponding.</source>
        <translation>如无本矿实测值，q 0.8、tan β 2.0、b 0.3、s 0 m 和 θ 90° 仅为典型值，并非本矿参数。积水由下一页的地下水埋深确定。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="288"/>
        <source>Choose a field or give a value for: {0}.</source>
        <translation>请为以下参数选择字段或给出统一值：{0}。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="256"/>
        <source>Each panel's own parameters: a field of the panels (采厚, 埋深, 倾角 … are chosen for you) or one value for all panels.</source>
        <translation>各工作面使用自己的参数：工作面图层的字段（采厚、埋深、倾角等会自动选中）或所有工作面统一值。</translation>
    </message>
</context>
<context>
    <name>PreflightMessages</name>
    <message>
        <location filename="../../plugin/gui/preflight_messages.py" line="32"/>
        <source>Field “{field}” holds text, but {factor} is a number: map a numeric field to it.</source>
        <translation>字段“{field}”为文本，而 {factor} 是数值因子：请为其映射一个数值字段。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/preflight_messages.py" line="37"/>
        <source>{factor} ← {fields}</source>
        <translation>{factor} ← {fields}</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/preflight_messages.py" line="50"/>
        <source>The rule pack {pack} needs {factors}, which no input gives. {hints}{notes}</source>
        <translation>规则包 {pack} 需要 {factors}，但没有任何输入提供。{hints}{notes}</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/preflight_messages.py" line="52"/>
        <source>Fields that could serve: {0}. </source>
        <translation>可用的字段：{0}。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/preflight_messages.py" line="45"/>
        <source>the slope comes from the DEM after mining</source>
        <translation>坡度来自采后 DEM</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/preflight_messages.py" line="46"/>
        <source>the groundwater depth from a groundwater depth raster</source>
        <translation>地下水埋深来自地下水埋深栅格</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/preflight_messages.py" line="47"/>
        <source>the distance to water from water features</source>
        <translation>距水源距离来自水体要素</translation>
    </message>
</context>
<context>
    <name>PrioritizeAlgorithm</name>
    <message>
        <location filename="../../plugin/provider/algorithms/prioritize.py" line="50"/>
        <source>Priority by cost and benefit</source>
        <translation>成本效益修复优先序</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/prioritize.py" line="56"/>
        <source>The order in which to reclaim the units: the benefit of each unit per unit of cost, and with a budget the set of units of the largest benefit within it.

Benefit terms: esv_gain (the ecosystem-service value reclamation adds, from Ecosystem-service value), corridor_gain (the resistance its reclamation removes from the ecological corridors, from Ecological network) and cultivated_hm2 (the cultivated land it gives back). Each is divided by its largest magnitude over the plan's units (the most 1, none 0, a loss negative), weighted by the rule pack's priority block or WEIGHTS (term=weight;…) and summed into the score. A term whose field the units lack counts 0 and is named.

Cost: the unit's investment (COST_FIELD, e.g. cost_yuan of Schedule the work plan, 元), else its area (hm²): units of unequal area are compared per hectare. Rank 1 has the most score per cost. With a BUDGET (in the cost's unit), the units of the largest total score within it are selected (SciPy's MILP, else a greedy fill with its gap to the bound). priority_benefit (the score, 0 where it is negative) can feed Schedule the work plan (BENEFIT_FIELD).</source>
        <translation>评价单元的复垦先后次序：各单元单位成本的效益；给定预算时，选出预算以内效益总和最大的单元组合。

效益项：esv_gain（复垦增加的生态系统服务价值，来自“生态系统服务价值”）、corridor_gain（其复垦使生态廊道减少的阻力，来自“生态网络”）和 cultivated_hm2（恢复的耕地面积）。各项除以其在全部单元中的最大绝对值（最大为 1，无效益为 0，损失为负），按规则包 priority 部分或 WEIGHTS（项=权重;…）加权求和得到得分。单元缺少某项字段时该项按 0 计并给出提示。

成本：单元的投资（COST_FIELD，如“安排复垦工作计划”的 cost_yuan，元），否则为其面积（hm²）：面积不等的单元按每公顷比较。排名第 1 的单元单位成本得分最高。给定 BUDGET（与成本同单位）时，选出预算以内得分总和最大的单元（SciPy 混合整数线性规划，否则为贪心填充并报告其与上界的差距）。priority_benefit（得分，负值取 0）可作为“安排复垦工作计划”的 BENEFIT_FIELD。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/prioritize.py" line="75"/>
        <source>Evaluation units (with esv_gain, corridor_gain, use_proposed)</source>
        <translation>评价单元（含 esv_gain、corridor_gain、use_proposed）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/prioritize.py" line="83"/>
        <source>Weights (term=weight;…; empty: the rule pack's)</source>
        <translation>权重（项=权重;…；留空：取规则包的值）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/prioritize.py" line="90"/>
        <source>Cost field (元; empty: the area)</source>
        <translation>成本字段（元；留空：按面积）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/prioritize.py" line="99"/>
        <source>Budget (in the cost&apos;s unit; empty: rank only)</source>
        <translation>预算（与成本同单位；留空：只排序）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/prioritize.py" line="109"/>
        <source>Units with their priority</source>
        <translation>带修复优先序的评价单元</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/prioritize.py" line="136"/>
        <source>Units without a cost above 0 are not ranked (numbers {0}).</source>
        <translation>成本不大于 0 的单元不参与排序（序号 {0}）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/prioritize.py" line="145"/>
        <source>Priority: {0}</source>
        <translation>修复优先序：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/prioritize.py" line="162"/>
        <source>Weights: {0} is not term=number (terms: {1}).</source>
        <translation>权重：{0} 不是“项=数值”的形式（可用的项：{1}）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/prioritize.py" line="173"/>
        <source>The rule pack {0} has no priority block: give WEIGHTS (esv_gain=…;corridor_gain=…;cultivated_hm2=…) or use cn-reclamation.</source>
        <translation>规则包 {0} 没有 priority 部分：请给出 WEIGHTS（esv_gain=…;corridor_gain=…;cultivated_hm2=…）或使用 cn-reclamation。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/prioritize.py" line="197"/>
        <source>The units have no use_proposed: cultivated_hm2 counts 0.</source>
        <translation>评价单元没有 use_proposed 字段：cultivated_hm2 按 0 计。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/prioritize.py" line="202"/>
        <source>The units have no field {0}: its term counts 0 (run {1} first).</source>
        <translation>评价单元没有字段 {0}：该项按 0 计（请先运行“{1}”）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/prioritize.py" line="202"/>
        <source>Ecosystem-service value</source>
        <translation>生态系统服务价值</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/prioritize.py" line="202"/>
        <source>Ecological network (MCR)</source>
        <translation>生态网络（最小累积阻力模型）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/prioritize.py" line="227"/>
        <source>Unit {0} comes first: score {1:.3f}, {2:.3f} per {3}.</source>
        <translation>第 {0} 号单元排名第一：得分 {1:.3f}，每{3} {2:.3f}。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/prioritize.py" line="227"/>
        <source>元</source>
        <translation>元</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/prioritize.py" line="238"/>
        <source>Within the budget {0:,.2f}: {1} unit(s), cost {2:,.2f}, score {3:.3f} (at most {4:.3f}; {5}).</source>
        <translation>预算 {0:,.2f} 以内：{1} 个单元，成本 {2:,.2f}，得分 {3:.3f}（上界 {4:.3f}；{5}）。</translation>
    </message>
</context>
<context>
    <name>ProjectInfoTable</name>
    <message>
        <location filename="../../plugin/gui/project_info.py" line="29"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/project_info.py" line="29"/>
        <source>Value</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>ProvincePage</name>
    <message>
        <location filename="../../plugin/provider/report_province.py" line="46"/>
        <source>Reclamation plans of {0} mines</source>
        <translation>{0} 个矿山的土地复垦方案</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_province.py" line="47"/>
        <source>Mine</source>
        <translation>矿山</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_province.py" line="47"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_province.py" line="47"/>
        <source>Damaged (hm²)</source>
        <translation>损毁面积（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_province.py" line="47"/>
        <source>Reclaimed (hm²)</source>
        <translation>复垦面积（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_province.py" line="47"/>
        <source>Reclamation rate (%)</source>
        <translation>复垦率（%）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_province.py" line="47"/>
        <source>Cultivated land change (hm²)</source>
        <translation>耕地变化（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_province.py" line="47"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_province.py" line="47"/>
        <source>Review findings</source>
        <translation>审查问题</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_province.py" line="47"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
</context>
<context>
    <name>ProvinceWords</name>
    <message>
        <location filename="../../plugin/provider/report_province.py" line="21"/>
        <source>plan made</source>
        <translation>已编制</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_province.py" line="22"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_province.py" line="23"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_province.py" line="27"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report_province.py" line="31"/>
        <source>The worker process stopped (exit code {0}) while planning this mine. {1}</source>
        <translation>编制该矿山方案时工作进程中止（退出码 {0}）。{1}</translation>
    </message>
</context>
<context>
    <name>ReclamationAlgorithm</name>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="205"/>
        <source>Terrain and factors</source>
        <translation>地形与因子</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="206"/>
        <source>Suitability and land use</source>
        <translation>适宜性与土地利用</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="573"/>
        <source>{0} “{1}” is not a GDAL raster file; save it as a GeoTIFF first.</source>
        <translation>{0}“{1}”不是 GDAL 栅格文件，请先另存为 GeoTIFF。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="579"/>
        <source>{0} “{1}” has no coordinate reference system; set its CRS (Layer Properties › Source) and run again.</source>
        <translation>{0}“{1}”没有坐标参考系：请设置其 CRS（图层属性 › 源）后重新运行。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="272"/>
        <source>Cancelled: no output was written.</source>
        <translation>已取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="356"/>
        <source>Soil polygons</source>
        <translation>土壤图斑</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="361"/>
        <source>Soil fields (field=factor;…)</source>
        <translation>土壤字段（字段=因子;…）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="366"/>
        <source>Water features</source>
        <translation>水体要素</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="377"/>
        <source>Rule pack (built-in id or file)</source>
        <translation>规则包（内置 id 或文件）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="441"/>
        <source>{0}: field “{1}” holds “{2}” (feature {3}), which is not a number.</source>
        <translation>{0}：字段“{1}”的值“{2}”（第 {3} 个要素）不是数字。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="172"/>
        <source>{0} stopped on an unexpected error: {1}. Nothing was left at the output paths. Check the inputs named above (geometry type, empty layers, field values); the details are in the log (View › Panels › Log Messages, tab “Mine Reclamation Planner”). If the inputs are fine, please report the problem with that log.</source>
        <translation>{0} 因意外错误而停止：{1}。输出路径上未留下任何内容。请检查上文提到的输入（几何类型、空图层、字段值）；详细信息见日志（视图 › 面板 › 日志消息，“Mine Reclamation Planner”选项卡）。如果输入无误，请附上该日志报告此问题。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="447"/>
        <source>{0}: field “{1}” holds “{2}” (feature {3}), which is not a finite number. Leave the value empty (NULL) where it is unknown.</source>
        <translation>{0}：字段“{1}”的值“{2}”（第 {3} 个要素）不是有限数值。未知值请留空（NULL）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="465"/>
        <source>{0}: field “{1}” holds “{2}” (feature {3}), which is no {4} class. Classes: {5}.</source>
        <translation>{0}：字段“{1}”的值“{2}”（第 {3} 个要素）不是有效的 {4} 类别。可用类别：{5}。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="490"/>
        <source>{0}: field “{1}” holds {2} (feature {3}), which {4} cannot be: its possible values are {5} ({6}). {7} value(s) are out of range; check the unit, the sign and “no data” codes such as -9999, and leave unknown values empty (NULL).</source>
        <translation>{0}：字段“{1}”的值为 {2}（第 {3} 个要素），{4} 不可能取此值：其可能取值为 {5}（{6}）。共有 {7} 个值超出范围；请检查单位、正负号以及 -9999 等“无数据”代码，未知值请留空（NULL）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="539"/>
        <source>{0} “{1}” cannot be read: {2}</source>
        <translation>无法读取{0}“{1}”：{2}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="544"/>
        <source>{0} has no valid cell (all NoData or NaN). Check its NoData value and that it is the right file.</source>
        <translation>{0} 没有有效像元（全部为 NoData 或 NaN）。请检查其无数据值（NoData）设置，并确认文件是否正确。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="551"/>
        <source>{0} holds infinite values ({1:g} … {2:g}); set them to NoData first.</source>
        <translation>{0} 含有无穷值（{1:g} … {2:g}）；请先将其设为 NoData。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="557"/>
        <source>{0} has {1} × {2} cells; a DEM needs at least 3 × 3 cells for a slope.</source>
        <translation>{0} 只有 {1} × {2} 个像元；计算坡度时 DEM 至少需要 3 × 3 个像元。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="563"/>
        <source>{0} holds depths down to {1:g} m; a depth below the ground surface is 0 or more (flip the sign if it gives levels above the surface).</source>
        <translation>{0} 中的埋深低至 {1:g} m；地表以下的埋深应大于或等于 0（如果该栅格给出的是高于地表的水位，请将符号取反）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="489"/>
        <source> The values look like pH × 10: map the field as ph:x10.</source>
        <translation> 这些值像是 pH × 10：请将该字段映射为 ph:x10。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="204"/>
        <source>Disturbed land</source>
        <translation>损毁土地</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="207"/>
        <source>Reclamation plan</source>
        <translation>复垦方案</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="208"/>
        <source>Ecological restoration</source>
        <translation>生态修复</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="391"/>
        <source>The rule pack {0} has no {1} block: add one (docs/rule-packs.md, “{1}”) or use {2}.</source>
        <translation>规则包 {0} 没有 {1} 部分：请添加（见 docs/rule-packs.md 的“{1}”）或使用 {2}。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/base.py" line="403"/>
        <source>The evaluation units have no features.</source>
        <translation>评价单元图层没有要素。</translation>
    </message>
</context>
<context>
    <name>ReclamationPlanAlgorithm</name>
    <message>
        <location filename="../../plugin/provider/algorithms/reclamation_plan.py" line="276"/>
        <source>Reclamation plan (whole workflow)</source>
        <translation>土地复垦方案（完整流程）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/reclamation_plan.py" line="655"/>
        <source>Reclamation plan</source>
        <translation>复垦方案</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/reclamation_plan.py" line="405"/>
        <source>Give either working panels (PANELS, the subsidence is predicted) or a subsidence raster (SUBSIDENCE), not both.</source>
        <translation>请提供工作面（PANELS，将据此预计沉陷）或下沉栅格（SUBSIDENCE），二者不能同时提供。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/reclamation_plan.py" line="465"/>
        <source>Step 1: subsidence predicted from the working panels</source>
        <translation>步骤 1：根据工作面预计开采沉陷</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/reclamation_plan.py" line="477"/>
        <source>Step {0}: disturbed land</source>
        <translation>步骤 {0}：损毁土地</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/reclamation_plan.py" line="489"/>
        <source>Step {0}: suitability and proposed use</source>
        <translation>步骤 {0}：适宜性与建议用途</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/reclamation_plan.py" line="574"/>
        <source>Step {0}: plan tables and report</source>
        <translation>步骤 {0}：方案面积表与报告</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/reclamation_plan.py" line="482"/>
        <source>Step {0}: evaluation units</source>
        <translation>步骤 {0}：评价单元</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/reclamation_plan.py" line="508"/>
        <source>Step {0}: engineering quantities</source>
        <translation>步骤 {0}：工程量</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/reclamation_plan.py" line="527"/>
        <source>Step {0}: investment estimate</source>
        <translation>步骤 {0}：投资估算</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/reclamation_plan.py" line="517"/>
        <source>Step {0}: work plan by stage</source>
        <translation>第 {0} 步：分阶段复垦工作计划</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/reclamation_plan.py" line="623"/>
        <source>The panels have no mining year (MINING_YEAR_FIELD): subsided land is reclaimed at the end of the settling period.</source>
        <translation>工作面未给出开采年份（MINING_YEAR_FIELD）：塌陷地按稳沉期末复垦。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/reclamation_plan.py" line="634"/>
        <source>Budgets need the investment (prices and a cost structure): the stages are scheduled without them.</source>
        <translation>阶段预算需要投资估算（单价表和费用构成）：本次不按预算安排阶段。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/reclamation_plan.py" line="541"/>
        <source>Step {0}: ecosystem-service value</source>
        <translation>第 {0} 步：生态系统服务价值</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/reclamation_plan.py" line="553"/>
        <source>Step {0}: ecological network</source>
        <translation>第 {0} 步：生态网络</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/reclamation_plan.py" line="567"/>
        <source>Step {0}: priority by cost and benefit</source>
        <translation>第 {0} 步：成本效益修复优先序</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/reclamation_plan.py" line="497"/>
        <source>Step {0}: second lives of mine land</source>
        <translation>第 {0} 步：矿山土地转型利用</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/reclamation_plan.py" line="282"/>
        <source>The whole workflow in one run, the same one the wizard and the demo use: subsidence predicted from the working panels (when panels are given) → disturbed land by type and degree → evaluation units (slope classes, platforms and faces of dumps and pits, your zones) → suitability and proposed use of every unit → second lives of mine land (photovoltaics, construction, tourism; when the rule pack turns them on, as cn-transformation does) → engineering quantities and the soil balance (when the rule pack states its works) → the work plan by stage (when the production, settling and after-care periods are given) → the investment estimate (when prices and a cost structure are given; its yearly spending from the work plan) → the ecosystem-service value before damage, after damage and after reclamation (when the rule pack has its table) → the ecological network (when the pack has its resistances and a land-use layer is given) → the priority of the units by cost and benefit → the plan's area tables and report.

Each parameter is the one of its step (see Predict subsidence, Disturbed land, Make evaluation units, Suitability and Plan tables). Panels and a subsidence raster exclude each other. The DEM before mining gives the prediction's grid; the DEM after mining gives the slope of the evaluation. Every output is optional: a run given only the report still runs every step. A failed or cancelled run removes what it wrote at the output paths.</source>
        <translation>一次运行完成整个流程，与向导和演示使用的相同：根据工作面预计开采沉陷（提供工作面时）→ 按类型和程度划分损毁土地 → 划分评价单元（坡度级别、排土场和采坑的平台与边坡、自有分区）→ 各单元的适宜性与建议用途 → 矿山土地转型利用（光伏、建设、文旅；规则包启用时，如 cn-transformation）→ 工程量与土方平衡（规则包列有工程措施时）→ 分阶段复垦工作计划（提供生产期、稳沉期和管护期时）→ 投资估算（提供单价表和费用构成时；逐年投资比例取自工作计划）→ 损毁前、损毁后和复垦后的生态系统服务价值（规则包含当量表时）→ 生态网络（规则包含阻力值且提供土地利用现状时）→ 成本效益修复优先序 → 方案面积表与报告。

每个参数即其所属步骤的参数（见开采沉陷预计、损毁土地、划分评价单元、适宜性和方案面积表）。工作面与下沉栅格二者只能提供其一。采矿前 DEM 决定预计的格网；采矿后 DEM 用于评价的坡度。所有输出均为可选：只要求输出报告时也会运行每一步。运行失败或取消时，会删除已写入输出路径的内容。</translation>
    </message>
</context>
<context>
    <name>ReclamationPlannerPlugin</name>
    <message>
        <location filename="../../plugin/plugin.py" line="60"/>
        <source>&amp;Mine Reclamation Planner</source>
        <translation>矿山土地复垦规划(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="80"/>
        <source>Mine Reclamation</source>
        <translation>矿山土地复垦</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="275"/>
        <source>Mine Reclamation Planner</source>
        <translation>矿山土地复垦规划</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="135"/>
        <source>About Mine Reclamation Planner…</source>
        <translation>关于矿山土地复垦规划…</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="150"/>
        <source>Disabled: missing Python modules {modules}</source>
        <translation>已停用：缺少 Python 模块 {modules}</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="170"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="171"/>
        <source>Missing Python modules: {modules}. Disabled: {disabled}. Install: {hint}</source>
        <translation>缺少 Python 模块：{modules}。已停用：{disabled}。安装命令：{hint}</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="206"/>
        <source>QGIS {qgis}; Processing provider “{provider}” with {count} algorithms.</source>
        <translation>QGIS {qgis}；处理工具提供者“{provider}”，含 {count} 个算法。</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="218"/>
        <source>Missing Python modules: {modules}</source>
        <translation>缺少 Python 模块：{modules}</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="287"/>
        <source>About Mine Reclamation Planner</source>
        <translation>关于矿山土地复垦规划</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="205"/>
        <source>Plans the reclamation of land disturbed by mining.</source>
        <translation>编制采矿损毁土地的复垦规划。</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="209"/>
        <source>Home page</source>
        <translation>主页</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="210"/>
        <source>Report a problem</source>
        <translation>报告问题</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="211"/>
        <source>Licence: GNU GPL version 2 or later</source>
        <translation>许可证：GNU GPL 第 2 版或更高版本</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="69"/>
        <source>The Processing provider “{id}” could not be registered.</source>
        <translation>无法注册处理工具提供者“{id}”。</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="114"/>
        <source>Evaluate suitability and propose land use…</source>
        <translation>适宜性评价与复垦方向建议…</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="121"/>
        <source>Rule packs…</source>
        <translation>规则包…</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="107"/>
        <source>Classify disturbed land…</source>
        <translation>损毁土地分类…</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="100"/>
        <source>Reclamation plan wizard…</source>
        <translation>复垦方案向导…</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="128"/>
        <source>Load the sample mine</source>
        <translation>加载示例矿山</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="264"/>
        <source>The sample mine could not be loaded: {0}</source>
        <translation>无法加载示例矿山：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/plugin.py" line="275"/>
        <source>The sample coal mine is loaded (constructed data): try the Reclamation plan wizard on it.</source>
        <translation>示例煤矿已加载（虚构数据）：可用“复垦方案向导”在其上试运行。</translation>
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
<context>
    <name>ReportWords</name>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="1343"/>
        <source>Cultivated land decreases by {0:.4f} hm² ({1:.2f} 亩). Damaged cultivated land proposed for another use: units {2}. Explain the loss or balance it (no net loss of cultivated land).</source>
        <translation>耕地减少 {0:.4f} hm²（{1:.2f} 亩）。拟复垦为其他地类的损毁耕地：评价单元 {2}。请说明减少原因或予以补充（耕地数量不减少）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="1350"/>
        <source>Irrigated land (0102) is proposed back as another class on {0:.4f} hm² ({1:.2f} 亩): units {2}. Restore the irrigation or explain the downgrade (no loss of cultivated-land quality).</source>
        <translation>原水浇地（0102）中有 {0:.4f} hm²（{1:.2f} 亩）拟复垦为其他地类：评价单元 {2}。请恢复灌溉条件或说明降级原因（耕地质量不降低）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="1358"/>
        <source>The rule pack “{0}” of the suitability units is not a built-in pack: its rules are not listed under Basis and assumptions.</source>
        <translation>适宜性评价单元所用的规则包“{0}”不是内置规则包：其规则未列入“依据与假设”。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="1338"/>
        <source>Land reclamation plan</source>
        <translation>土地复垦方案</translation>
    </message>
</context>
<context>
    <name>ReportWriter</name>
    <message>
        <location filename="../../plugin/provider/report.py" line="345"/>
        <source>Damaged land by type, degree and land use before damage</source>
        <translation>损毁土地（按损毁类型、损毁程度和损毁前地类）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="346"/>
        <source>Suitability area by use and grade</source>
        <translation>适宜性面积（按用途和适宜等级）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="347"/>
        <source>Proposed area by use</source>
        <translation>建议用途面积</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="348"/>
        <source>Land-use structure adjustment (by first-level class)</source>
        <translation>土地利用结构调整（按一级地类）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="356"/>
        <source>Reclamation rate and cultivated-land balance</source>
        <translation>复垦率与耕地平衡</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="369"/>
        <source>Closure checks</source>
        <translation>面积闭合检查</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="383"/>
        <source>Damage type</source>
        <translation>损毁类型</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="384"/>
        <source>Degree</source>
        <translation>损毁程度</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="385"/>
        <source>Code before</source>
        <translation>损毁前地类编码</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="386"/>
        <source>Land use before</source>
        <translation>损毁前地类</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="387"/>
        <source>Area (m²)</source>
        <translation>面积（m²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="388"/>
        <source>Area (hm²)</source>
        <translation>面积（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="390"/>
        <source>Share (%)</source>
        <translation>占比（%）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="391"/>
        <source>Use</source>
        <translation>用途</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="392"/>
        <source>Grade</source>
        <translation>适宜等级</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="393"/>
        <source>Units</source>
        <translation>单元数</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="394"/>
        <source>Code</source>
        <translation>地类编码</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="395"/>
        <source>Land-use class</source>
        <translation>地类</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="396"/>
        <source>Class code</source>
        <translation>地类编码</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="397"/>
        <source>First-level class</source>
        <translation>一级地类</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="398"/>
        <source>Before (hm²)</source>
        <translation>复垦前（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="400"/>
        <source>Before (%)</source>
        <translation>复垦前（%）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="401"/>
        <source>After (hm²)</source>
        <translation>复垦后（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="403"/>
        <source>After (%)</source>
        <translation>复垦后（%）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="404"/>
        <source>Change (hm²)</source>
        <translation>变化量（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="415"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="407"/>
        <source>Percent (%)</source>
        <translation>百分比（%）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="408"/>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="409"/>
        <source>Part</source>
        <translation>分项</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="410"/>
        <source>Sum of parts (m²)</source>
        <translation>分项合计（m²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="411"/>
        <source>Reference total (m²)</source>
        <translation>参考总面积（m²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="412"/>
        <source>Difference (m²)</source>
        <translation>差值（m²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="413"/>
        <source>Difference (%)</source>
        <translation>差值（%）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="414"/>
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="491"/>
        <source>The parts exceed the dissolved total: polygons of an input layer overlap and are counted more than once. Remove the overlaps (e.g. with Dissolve or Union) and run again.</source>
        <translation>分项之和超过融合后的总面积：某个输入图层的多边形相互重叠，被重复计算。请消除重叠（例如使用“融合”或“联合”）后重新运行。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="496"/>
        <source>The parts fall short of the total: pieces were lost in the overlay (invalid or empty geometries) or the study area holds parts of no input.</source>
        <translation>分项之和小于总面积：叠加分析中丢失了部分图斑（几何无效或为空），或项目区内有不属于任何输入图层的部分。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="518"/>
        <source>{0}: closes ({1:.2f} m² of {2:.2f} m²).</source>
        <translation>{0}：面积闭合（分项 {1:.2f} m²，总面积 {2:.2f} m²）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="521"/>
        <source>{0}: the parts sum to {1:.2f} m², the total is {2:.2f} m² (difference {3:+.2f} m², {4:.4f} %). {5}</source>
        <translation>{0}：分项合计 {1:.2f} m²，总面积为 {2:.2f} m²（差值 {3:+.2f} m²，{4:.4f} %）。{5}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="535"/>
        <source>Structure table: the current land use inside the study area; damaged land takes its proposed use, undamaged land is unchanged.</source>
        <translation>结构表：项目区内的现状土地利用；损毁土地采用其建议用途，未损毁土地保持不变。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="540"/>
        <source>Structure table: the current land use and the damaged land; damaged land takes its proposed use, undamaged land is unchanged.</source>
        <translation>结构表：现状土地利用和损毁土地；损毁土地采用其建议用途，未损毁土地保持不变。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="545"/>
        <source>Structure table: the study area; damaged land by its land use before damage, undamaged land of unknown class (no current land-use layer was given).</source>
        <translation>结构表：项目区；损毁土地按其损毁前地类统计，未损毁土地的地类未知（未提供现状土地利用图层）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="549"/>
        <source>Structure table: the damaged land only, by its land use before damage (no study area and no current land-use layer were given).</source>
        <translation>结构表：仅统计损毁土地，按其损毁前地类统计（未提供项目区和现状土地利用图层）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="1203"/>
        <source>Created {0}</source>
        <translation>创建于 {0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="1209"/>
        <source>Rule pack: {0}</source>
        <translation>规则包：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="696"/>
        <source>Damaged land {0:.4f} hm², reclaimed {1:.4f} hm²: reclamation rate {2}. Cultivated land {3:.4f} hm² before, {4:.4f} hm² after ({5:+.4f} hm²).</source>
        <translation>损毁土地 {0:.4f} hm²，已复垦 {1:.4f} hm²：复垦率 {2}。耕地复垦前 {3:.4f} hm²，复垦后 {4:.4f} hm²（{5:+.4f} hm²）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="659"/>
        <source>Damaged land by type (hm²)</source>
        <translation>损毁土地（按损毁类型，hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="660"/>
        <source>Proposed use (hm²)</source>
        <translation>建议用途（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="993"/>
        <source>Proposed use</source>
        <translation>建议用途</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="1106"/>
        <source>The PDF report could not be written to {0} ({1}).</source>
        <translation>无法将 PDF 报告写入 {0}（{1}）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="1168"/>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="389"/>
        <source>Area (亩)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="399"/>
        <source>Before (亩)</source>
        <translation>调整前（亩）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="402"/>
        <source>After (亩)</source>
        <translation>调整后（亩）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="405"/>
        <source>Change (亩)</source>
        <translation>变化（亩）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="667"/>
        <source>Closure</source>
        <translation>闭合检查</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="366"/>
        <source>Basis and assumptions: degrees, rules with their sources and status, run warnings</source>
        <translation>依据与假设：损毁程度、规则及其来源与核实状态、运行警告</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="416"/>
        <source>Value or basis</source>
        <translation>取值或依据</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="417"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="418"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="419"/>
        <source>Citation</source>
        <translation>引用</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="504"/>
        <source>Of the damaged land, {0:.4f} hm² ({1}) has an undecided degree and {2:.4f} hm² ({3}) the rule pack's default degree, not verified: see Basis and assumptions.</source>
        <translation>损毁土地中，{0:.4f} hm²（{1}）损毁程度未定，{2:.4f} hm²（{3}）采用规则包默认程度（未核实）：见“依据与假设”。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="555"/>
        <source>Coordinate reference system: {0} ({1}). Areas are ellipsoidal on {2}; 1 hm² = 15 亩; hm² rounded to 4 decimals, m², 亩 and % to 2, totals from unrounded values.</source>
        <translation>坐标参考系：{0}（{1}）。面积为 {2} 椭球面积；1 hm² = 15 亩；hm² 保留 4 位小数，m²、亩和 % 保留 2 位，合计由未取整数值计算。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="349"/>
        <source>Land-use structure adjustment (by second-level class)</source>
        <translation>土地利用结构调整表（按二级地类）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="352"/>
        <source>Appendix: the evaluation units and their suitability</source>
        <translation>附表：评价单元适宜性评价结果</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="420"/>
        <source>Unit</source>
        <translation>单元编号</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="436"/>
        <source>Limiting factors</source>
        <translation>限制因素</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="437"/>
        <source>Measures</source>
        <translation>改良措施</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="438"/>
        <source>Cultivated</source>
        <translation>宜耕</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="439"/>
        <source>Garden</source>
        <translation>宜园</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="440"/>
        <source>Forest</source>
        <translation>宜林</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="441"/>
        <source>Grass</source>
        <translation>宜草</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="442"/>
        <source>Water</source>
        <translation>宜渔</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="593"/>
        <source>Table {0}</source>
        <translation>表{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="344"/>
        <source>Project overview</source>
        <translation>项目概况</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="421"/>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="1061"/>
        <source>The map of the report could not be drawn ({0}).</source>
        <translation>报告地图无法绘制（{0}）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="353"/>
        <source>Basis: the standards and sources the rules cite</source>
        <translation>编制依据：规则引用的标准与文献</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="422"/>
        <source>Rules resting on it</source>
        <translation>引用的规则数</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="354"/>
        <source>Land ownership (by owner)</source>
        <translation>土地权属（按权属单位）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="423"/>
        <source>Owner</source>
        <translation>权属单位</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="432"/>
        <source>Damaged (hm²)</source>
        <translation>损毁面积（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="433"/>
        <source>Damaged (亩)</source>
        <translation>损毁面积（亩）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="434"/>
        <source>Damaged cultivated land (hm²)</source>
        <translation>其中损毁耕地（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="435"/>
        <source>Damaged cultivated land (亩)</source>
        <translation>其中损毁耕地（亩）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="355"/>
        <source>Subsidence prediction: the figures of the basin</source>
        <translation>开采沉陷预测：下沉盆地特征值</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="425"/>
        <source>Unit of measure</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="720"/>
        <source>The damaged land covers {0:.4f} hm²: {1}.</source>
        <translation>损毁土地共 {0:.4f} hm²：{1}。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="724"/>
        <source>The damaged land is proposed for: {0}.</source>
        <translation>损毁土地拟复垦为：{0}。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="728"/>
        <source>The damaged land is divided into {0} evaluation units, numbered as on the maps.</source>
        <translation>损毁土地共划分为 {0} 个评价单元，编号与附图一致。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="856"/>
        <source>Reclamation rate {0:.2f} %; cultivated land changes by {1:+.4f} hm² ({2:+.2f} 亩).</source>
        <translation>土地复垦率 {0:.2f} %；耕地变化 {1:+.4f} hm²（{2:+.2f} 亩）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="570"/>
        <source>current</source>
        <translation>现状</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="570"/>
        <source>planned</source>
        <translation>规划</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="675"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="741"/>
        <source>The land of the plan belongs to {0} owners; the damaged land: {1}.</source>
        <translation>方案范围内土地涉及 {0} 个权属单位；损毁土地：{1}。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="751"/>
        <source>Changes of the land-use structure: {0}.</source>
        <translation>土地利用结构变化：{0}。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="801"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="755"/>
        <source>The predicted basin: {0}.</source>
        <translation>预计下沉盆地：{0}。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="745"/>
        <source>Damaged land suitable (grades 1 to 3) for each use: {0}.</source>
        <translation>损毁土地中适宜（一等至三等）各用途的面积：{0}。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="357"/>
        <source>Engineering quantities (by measure, over the units)</source>
        <translation>工程量汇总表（按工程措施）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="358"/>
        <source>Soil and earthwork balance</source>
        <translation>土方平衡表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="426"/>
        <source>Quantity</source>
        <translation>工程量</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="427"/>
        <source>Volume (m³)</source>
        <translation>方量（m³）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="761"/>
        <source>{0} measures over the units; earthworks: {1}.</source>
        <translation>共 {0} 项工程措施；土方工程：{1}。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="766"/>
        <source>Topsoil: {0:,.2f} m³ stripped for {1:,.2f} m³ of cover ({2:+,.2f} m³); levelling: {3:,.2f} m³ of cut for {4:,.2f} m³ of fill ({5:+,.2f} m³).</source>
        <translation>表土：剥离 {0:,.2f} m³，覆土需 {1:,.2f} m³（{2:+,.2f} m³）；土地平整：挖方 {3:,.2f} m³，填方 {4:,.2f} m³（{5:+,.2f} m³）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="359"/>
        <source>Investment estimate</source>
        <translation>投资估算表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="360"/>
        <source>Investment summary</source>
        <translation>投资汇总表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="428"/>
        <source>Cost item</source>
        <translation>费用项目</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="429"/>
        <source>Unit price (元)</source>
        <translation>单价（元）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="430"/>
        <source>Rate (%)</source>
        <translation>费率（%）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="431"/>
        <source>Amount (元)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="782"/>
        <source>Static total investment {0:,.2f} 元, dynamic {1:,.2f} 元</source>
        <translation>静态总投资 {0:,.2f} 元，动态总投资 {1:,.2f} 元</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="787"/>
        <source>; {0:,.2f} 元 per 亩</source>
        <translation>；亩均 {0:,.2f} 元</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="790"/>
        <source> (incomplete: {0} work(s) have no unit price)</source>
        <translation>（不完整：{0} 项工程缺少单价）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="833"/>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="361"/>
        <source>Plan summary</source>
        <translation>复垦方案摘要</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="362"/>
        <source>Work plan by stage</source>
        <translation>复垦工作计划安排表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="365"/>
        <source>Works by stage</source>
        <translation>分阶段工程量表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="443"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="444"/>
        <source>Years</source>
        <translation>年限</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="445"/>
        <source>Periods</source>
        <translation>所处时期</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="446"/>
        <source>Reclaimed (hm²)</source>
        <translation>复垦面积（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="447"/>
        <source>Cultivated (hm²)</source>
        <translation>耕地（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="448"/>
        <source>Garden (hm²)</source>
        <translation>园地（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="449"/>
        <source>Forest (hm²)</source>
        <translation>林地（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="450"/>
        <source>Grass (hm²)</source>
        <translation>草地（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="451"/>
        <source>Water (hm²)</source>
        <translation>水域（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="452"/>
        <source>Other (hm²)</source>
        <translation>其他（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="453"/>
        <source>Under after-care (hm²)</source>
        <translation>管护面积（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="460"/>
        <source>Direct works cost (元)</source>
        <translation>直接工程费（元）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="801"/>
        <source>{0} stage(s), {1}–{2}; land reclaimed: {3}.</source>
        <translation>共 {0} 个阶段，{1}–{2} 年；各阶段复垦面积：{3}。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="1127"/>
        <source>Work plan by year</source>
        <translation>复垦工作进度安排图</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="951"/>
        <source>Production</source>
        <translation>生产期</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="951"/>
        <source>Settling</source>
        <translation>稳沉期</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="951"/>
        <source>After-care</source>
        <translation>管护期</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="951"/>
        <source>After-care (hm²)</source>
        <translation>管护（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="454"/>
        <source>Topsoil stripped (m³)</source>
        <translation>表土剥离（m³）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="457"/>
        <source>Static investment (元)</source>
        <translation>静态投资（元）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="458"/>
        <source>Price-rise contingency (元)</source>
        <translation>价差预备费（元）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="459"/>
        <source>Dynamic investment (元)</source>
        <translation>动态投资（元）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="455"/>
        <source>Cover soil needed (m³)</source>
        <translation>覆土需求量（m³）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="456"/>
        <source>Topsoil stockpiled at the end (m³; − borrowed)</source>
        <translation>阶段末表土存量（m³；负值为借土）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="363"/>
        <source>Investment by stage</source>
        <translation>分阶段投资表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="364"/>
        <source>Topsoil balance by stage</source>
        <translation>分阶段表土平衡表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="732"/>
        <source>The grades, degrees, works and stages of this plan rest on {0} rules citing {1} sources.</source>
        <translation>本方案的适宜性等级、损毁程度、工程措施与阶段安排依据 {0} 条规则，引用 {1} 项来源。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="370"/>
        <source>Ecological restoration: ecosystem-service value by service</source>
        <translation>生态修复与转型利用：生态系统服务价值（按服务类型）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="371"/>
        <source>Ecological restoration: ecosystem-service value by ecosystem type</source>
        <translation>生态修复与转型利用：生态系统服务价值（按生态系统类型）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="461"/>
        <source>Ecosystem service</source>
        <translation>服务类型</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="462"/>
        <source>Ecosystem type</source>
        <translation>生态系统类型</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="463"/>
        <source>Before damage (hm²)</source>
        <translation>损毁前（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="464"/>
        <source>After damage (hm²)</source>
        <translation>损毁后（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="465"/>
        <source>After reclamation (hm²)</source>
        <translation>复垦后（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="374"/>
        <source>Ecological restoration: ecological corridors</source>
        <translation>生态修复与转型利用：生态廊道</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="375"/>
        <source>Ecological restoration: priority of the units by cost and benefit</source>
        <translation>生态修复与转型利用：评价单元成本效益修复优先序</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="471"/>
        <source>Corridor</source>
        <translation>廊道编号</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="472"/>
        <source>Sources joined</source>
        <translation>连接的源地</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="473"/>
        <source>Length (m)</source>
        <translation>长度（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="474"/>
        <source>Cumulative resistance</source>
        <translation>累积阻力</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="475"/>
        <source>After reclamation</source>
        <translation>复垦后</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="476"/>
        <source>Change (%)</source>
        <translation>变化（%）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="478"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="480"/>
        <source>Resistance removed from corridors</source>
        <translation>廊道阻力减少量</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="481"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="482"/>
        <source>Score per cost</source>
        <translation>单位成本得分</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="483"/>
        <source>Within the budget</source>
        <translation>预算内</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="826"/>
        <source>{0} corridor(s) join the ecological sources, {1:,.0f} m in all</source>
        <translation>生态源地之间有生态廊道 {0} 条，总长 {1:,.0f} m</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="830"/>
        <source>; the reclamation changes their resistance by {0:+.1f} %</source>
        <translation>；复垦使其累积阻力变化 {0:+.1f} %</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="839"/>
        <source>{0} units ranked by benefit per cost; first: unit {1} ({2}, {3:.4f} hm²).</source>
        <translation>按单位成本效益排序的单元共 {0} 个；排名第一：第 {1} 号单元（{2}，{3:.4f} hm²）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="378"/>
        <source>Second lives of mine land: potential by kind</source>
        <translation>生态修复与转型利用：转型利用潜力（按类型）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="484"/>
        <source>Second life</source>
        <translation>转型利用方式</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="485"/>
        <source>Floating PV (hm²)</source>
        <translation>其中漂浮式光伏（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="486"/>
        <source>PV capacity (MW)</source>
        <translation>光伏装机容量（MW）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="847"/>
        <source>Photovoltaics may take {0:.4f} hm² ({1:.2f} MW), {2:.4f} hm² of it floating.</source>
        <translation>可建光伏 {0:.4f} hm²（{1:.2f} MW），其中漂浮式 {2:.4f} hm²。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="477"/>
        <source>On damaged land (m)</source>
        <translation>穿越损毁土地长度（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="466"/>
        <source>Before damage (10⁴ 元/a)</source>
        <translation>损毁前（万元/年）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="467"/>
        <source>After damage (10⁴ 元/a)</source>
        <translation>损毁后（万元/年）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="468"/>
        <source>After reclamation (10⁴ 元/a)</source>
        <translation>复垦后（万元/年）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="469"/>
        <source>Gain of reclamation (10⁴ 元/a)</source>
        <translation>复垦增加值（万元/年）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="470"/>
        <source>Change against before damage (10⁴ 元/a)</source>
        <translation>较损毁前变化（万元/年）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="479"/>
        <source>Value gained (10⁴ 元/a)</source>
        <translation>价值增加（万元/年）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="811"/>
        <source>Ecosystem-service value: {0:,.2f} × 10⁴ 元/a before damage, {1:,.2f} × 10⁴ 元/a after damage, {2:,.2f} × 10⁴ 元/a after reclamation; reclamation adds {3:+,.2f} × 10⁴ 元/a.</source>
        <translation>生态系统服务价值：损毁前 {0:,.2f} 万元/年，损毁后 {1:,.2f} 万元/年，复垦后 {2:,.2f} 万元/年；复垦使其变化 {3:+,.2f} 万元/年。</translation>
    </message>
</context>
<context>
    <name>ReviewPlanAlgorithm</name>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="76"/>
        <source>Review a reclamation plan</source>
        <translation>复垦方案审查</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="103"/>
        <source>The plan&apos;s evaluation units</source>
        <translation>方案的评价单元</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="110"/>
        <source>Review pack (built-in id or file)</source>
        <translation>审查规则包（内置 id 或文件）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="115"/>
        <source>Field map (their_field=contract_field;…)</source>
        <translation>字段对照（原字段=约定字段;…）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="138"/>
        <source>Review findings</source>
        <translation>审查问题</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="143"/>
        <source>Review report (HTML)</source>
        <translation>审查报告（HTML）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="143"/>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="167"/>
        <source>{0}: {1} finding(s).</source>
        <translation>{0}：发现 {1} 个问题。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="167"/>
        <source>{0}: passed.</source>
        <translation>{0}：通过。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="187"/>
        <source>Review pack {0}: no built-in pack has this id and no such file exists (built-in: {1}).</source>
        <translation>审查规则包 {0}：没有此 id 的内置规则包，也不存在该文件（内置：{1}）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="242"/>
        <source>Field map: {0} is not their_field=contract_field with a field of the units ({1}) and one of {2}.</source>
        <translation>字段对照：{0} 不是“原字段=约定字段”的形式，原字段须为评价单元的字段（{1}），约定字段须为 {2} 之一。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="322"/>
        <source>{0} units, {1:.4f} hm²; review pack {2} {3}.</source>
        <translation>评价单元 {0} 个，{1:.4f} hm²；审查规则包 {2} {3}。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="332"/>
        <source>{0} finding(s)</source>
        <translation>{0} 个问题</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="332"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="336"/>
        <source>Check</source>
        <translation>核查项</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="336"/>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="336"/>
        <source>Evidence</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="341"/>
        <source>the plan</source>
        <translation>整个方案</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="122"/>
        <source>The plan's works (unit × work item: unit_id, quantity)</source>
        <translation>方案的工程量（单元 × 工程项目：unit_id、quantity）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="130"/>
        <source>The plan&apos;s investment summary (item, value)</source>
        <translation>方案的投资估算汇总（item、value）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="223"/>
        <source>{0}: the table has no field {1} (it has {2}).</source>
        <translation>{0}：该表没有字段 {1}（现有字段：{2}）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/review_plan.py" line="82"/>
        <source>The checks a reviewer makes of a reclamation plan (复垦方案审查), as rules of a review pack (built-in cn-review, or a JSON file), on the plan's evaluation units — made by this plugin or by hand, with the contract's fields (dist_type, dist_degree, use_proposed, dlbm_before, dlbm, slope_deg, pollution, area_hm2, unit_id) or others named by FIELD_MAP (their_field=contract_field;…).

cn-review: every damaged unit has a proposed use and a damage degree; no cultivation above the slope cap (25°); no food crops (cultivated land, garden) on land over the intervention value; the stated areas match the shapes (0.01 %); no net loss of cultivated land; the reclamation rate of the responsibility area (damaged land but what stays construction land) at least the required one; damage degrees graded by an indicator (degree_basis), not the rule pack's default; every unit names its rule pack (rule_pack); every reclaimed unit has a works quantity (WORKS: unit_id, quantity) and the investment is stated (COST_SUMMARY: static and dynamic investment, no missing prices).

A value a check needs and the plan lacks is a finding, never a pass. Outputs: the findings (check, unit, evidence; unit 0 for the plan as a whole) and a short HTML report.</source>
        <translation>按审查规则包（内置 cn-review，或 JSON 文件）对复垦方案进行审查者所做的核查，对象为方案的评价单元——可由本插件生成，也可手工编制，字段采用约定字段（dist_type、dist_degree、use_proposed、dlbm_before、dlbm、slope_deg、pollution、area_hm2、unit_id），或通过 FIELD_MAP（原字段=约定字段;…）指定。

cn-review：每个损毁单元均有复垦方向和损毁程度；耕地坡度不超过上限（25°）；超过管制值的土地不种植食用农产品（耕地、园地）；单元所列面积与图形一致（0.01 %）；耕地数量不减少；复垦责任范围（损毁土地中除保留为建设用地以外的部分）的复垦率达到要求；损毁程度经指标评定（degree_basis），而非取规则包默认值；每个单元注明其规则包（rule_pack）；每个复垦单元均列有工程量（WORKS：unit_id、quantity），并列明投资估算（COST_SUMMARY：静态和动态投资，无缺价项）。

核查所需的数值方案中缺失时计为问题，绝不视为通过。输出：审查问题表（核查项、单元、依据；单元 0 表示整个方案）和简短的 HTML 审查报告。</translation>
    </message>
</context>
<context>
    <name>RulePackChoice</name>
    <message>
        <location filename="../../plugin/gui/settings_store.py" line="123"/>
        <source>Other file…</source>
        <translation>其他文件…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/settings_store.py" line="125"/>
        <source>Rule packs (*.json)</source>
        <translation>规则包 (*.json)</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/settings_store.py" line="126"/>
        <source>Rule-pack file</source>
        <translation>规则包文件</translation>
    </message>
</context>
<context>
    <name>RulePackEditorDialog</name>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="938"/>
        <source>Rule packs</source>
        <translation>规则包</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="516"/>
        <source>Suitability rules</source>
        <translation>适宜性规则</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="517"/>
        <source>Damage degree</source>
        <translation>损毁程度</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="520"/>
        <source>Proposal</source>
        <translation>用途建议</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="521"/>
        <source>What would change</source>
        <translation>变化预览</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="536"/>
        <source>Built-in pack:</source>
        <translation>内置规则包：</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="542"/>
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="543"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="544"/>
        <source>Make an editable copy of this pack</source>
        <translation>创建此规则包的可编辑副本</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="561"/>
        <source>Title (zh):</source>
        <translation>标题（中文）：</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="562"/>
        <source>Title (en):</source>
        <translation>标题（英文）：</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="563"/>
        <source>Id:</source>
        <translation>ID：</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="564"/>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="565"/>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="566"/>
        <source>Region:</source>
        <translation>地区：</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="567"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="587"/>
        <source>Use priority (drag, or select and use Up/Down):</source>
        <translation>用途优先级（拖动排序，或选中后使用“上移”/“下移”）：</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="597"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="598"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="612"/>
        <source>Cultivation slope cap:</source>
        <translation>耕地坡度上限：</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="614"/>
        <source>Selection:</source>
        <translation>选择规则：</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="621"/>
        <source>Proposed use under the pack as opened and as edited, on a layer:</source>
        <translation>在图层上比较规则包打开时与编辑后的建议用途：</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="629"/>
        <source>Units layer:</source>
        <translation>评价单元图层：</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="630"/>
        <source>Field map (field=factor;…):</source>
        <translation>字段映射（字段=因子;…）：</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="632"/>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="637"/>
        <source>From</source>
        <translation>原用途</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="637"/>
        <source>To</source>
        <translation>新用途</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="637"/>
        <source>Units</source>
        <translation>单元数</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="637"/>
        <source>Hectares</source>
        <translation>公顷</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="647"/>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="648"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="650"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="651"/>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="680"/>
        <source>The rule pack could not be opened</source>
        <translation>无法打开规则包</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="716"/>
        <source>{path} (built-in, read-only: Copy to edit)</source>
        <translation>{path}（内置，只读：请复制后编辑）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="720"/>
        <source>not saved yet (Save as…)</source>
        <translation>尚未保存（请使用“另存为…”）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="741"/>
        <source>source {source}, {status}</source>
        <translation>来源 {source}，{status}</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="821"/>
        <source>Invalid: {path}: {problem}. Fix: {fix}. Saving is disabled.</source>
        <translation>无效：{path}：{problem}。修正方法：{fix}。已禁用保存。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="828"/>
        <source>Built-in packs are read-only. Copy the pack to edit it.</source>
        <translation>内置规则包为只读。请复制该规则包后再编辑。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="833"/>
        <source>The pack is valid.</source>
        <translation>规则包有效。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="852"/>
        <source>The rule pack could not be saved</source>
        <translation>无法保存规则包</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="857"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="867"/>
        <source>The CSV file could not be written</source>
        <translation>无法写入 CSV 文件</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="870"/>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="880"/>
        <source>The CSV file was not imported</source>
        <translation>未导入 CSV 文件</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="904"/>
        <source>Open a rule pack</source>
        <translation>打开规则包</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="918"/>
        <source>Rule packs (*.json)</source>
        <translation>规则包 (*.json)</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="919"/>
        <source>Save the rule pack as</source>
        <translation>规则包另存为</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="930"/>
        <source>CSV tables (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="925"/>
        <source>Export the rule tables</source>
        <translation>导出规则表</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="931"/>
        <source>Import rule tables</source>
        <translation>导入规则表</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="938"/>
        <source>Discard the unsaved changes to {id}?</source>
        <translation>放弃对 {id} 的未保存更改？</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="961"/>
        <source>Fix the pack first: it is not valid.</source>
        <translation>请先修正规则包：当前规则包无效。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="963"/>
        <source>Choose a polygon layer.</source>
        <translation>请选择一个面图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="971"/>
        <source>The layer lacks the factors {factors}. Map fields to them with the field map (field=factor). Fields available: {fields}</source>
        <translation>图层缺少因子 {factors}。请用字段映射（字段=因子）将字段映射到这些因子。可用字段：{fields}</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="988"/>
        <source>{changed} of {total} units ({hectares} of {total_hectares} hm²) change proposed use.</source>
        <translation>{total} 个单元中有 {changed} 个（{total_hectares} hm² 中的 {hectares} hm²）建议用途发生变化。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="518"/>
        <source>Engineering measures</source>
        <translation>工程措施</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="519"/>
        <source>Work plan</source>
        <translation>工作计划</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="653"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>RuleTableModel</name>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="228"/>
        <source>{problem}. Fix: {fix}</source>
        <translation>{problem}。修正方法：{fix}</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="237"/>
        <source>{name} (in the pack and its CSV: {key})</source>
        <translation>{name}（规则包及其 CSV 中写作：{key}）</translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="476"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="477"/>
        <source>The rule pack holds the thresholds of damage degrees and suitability grades.</source>
        <translation>规则包中保存损毁程度和适宜等级的界限值。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="490"/>
        <source>Rule-pack file</source>
        <translation>规则包文件</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="489"/>
        <source>Rule pack</source>
        <translation>规则包</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="506"/>
        <source>To change a threshold, copy a built-in pack in the rule-pack editor, edit the copy and choose its file here.</source>
        <translation>如需修改界限值，请在规则包编辑器中复制一个内置规则包，编辑该副本，然后在此处选择其文件。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="557"/>
        <source>Method: {method}. Version {version}, region {region}.</source>
        <translation>评价方法：{method}。版本 {version}，地区 {region}。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="575"/>
        <source>Choose a rule-pack file, or a built-in rule pack.</source>
        <translation>请选择规则包文件或内置规则包。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="577"/>
        <source>The rule pack cannot be used: {reason}</source>
        <translation>无法使用该规则包：{reason}</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="563"/>
        <source>Second lives of mine land (photovoltaics, construction, ecology and tourism) are assessed after the suitability.</source>
        <translation>适宜性评价之后评价矿山土地转型利用（光伏、建设用地、生态/文旅）。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="496"/>
        <source>Grid lines or substations</source>
        <translation>电网线路或变电站</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="497"/>
        <source>Roads</source>
        <translation>道路</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="498"/>
        <source>Settlements</source>
        <translation>居民点</translation>
    </message>
</context>
<context>
    <name>RunDialogParts</name>
    <message>
        <location filename="../../plugin/gui/run_dialog.py" line="43"/>
        <source>Temporary layers</source>
        <translation>临时图层</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/run_dialog.py" line="44"/>
        <source>GeoPackage file</source>
        <translation>GeoPackage 文件</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/run_dialog.py" line="51"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/run_dialog.py" line="52"/>
        <source>Output GeoPackage</source>
        <translation>输出 GeoPackage</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/run_dialog.py" line="56"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/run_dialog.py" line="57"/>
        <source>GeoPackage</source>
        <translation>GeoPackage</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/run_dialog.py" line="67"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/run_dialog.py" line="68"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/run_dialog.py" line="122"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/run_dialog.py" line="72"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="678"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="679"/>
        <source>The plan is computed in the background; QGIS stays usable meanwhile.</source>
        <translation>方案在后台计算，期间 QGIS 仍可正常使用。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="683"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/plan_wizard.py" line="694"/>
        <source>Cancel run</source>
        <translation>取消运行</translation>
    </message>
</context>
<context>
    <name>SampleMineLoader</name>
    <message>
        <location filename="../../plugin/gui/sample_mine.py" line="55"/>
        <source>Sample coal mine (constructed)</source>
        <translation>示例煤矿（虚构数据）</translation>
    </message>
</context>
<context>
    <name>SchedulePlanAlgorithm</name>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="129"/>
        <source>Schedule the work plan</source>
        <translation>安排复垦工作计划</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="135"/>
        <source>The phased work plan (复垦工作计划安排): the stage and years of every unit's works within the service period (服务年限 = 生产期 + 稳沉期 + 管护期, cut into stages of the rule pack's length, often 5 years), the area, works and investment of each stage, and the yearly spending for the dynamic investment (SPENDING, read by Estimate the investment).

A unit is reclaimed no earlier than it is ready: the year of its own field, else (subsided land) the latest mining year of the panels whose influence (radius = depth / tan β) reaches it + the settling period, else the rule pack's release of its damage type (from the start, at closure, once stable). Works end by the last year of the settling period, so that the after-care period follows them within the service period.

Without budgets every unit goes to the stage it is ready in. With budgets per stage (BUDGET, 元: one number for every stage, or stage=amount;…) the stages are chosen to reclaim the most area (or BENEFIT_FIELD) early within them, by mixed-integer programming (SciPy, HiGHS) or a greedy fill with its gap reported; units no budget can hold are listed. Budgets need the costs: the works (WORKS), prices and cost structure of Estimate the investment.</source>
        <translation>分阶段复垦工作计划（复垦工作计划安排）：在服务年限（= 生产期 + 稳沉期 + 管护期，按规则包的阶段长度划分，通常 5 年一阶段）内安排每个单元复垦工程的阶段和年份，给出各阶段的面积、工程量和投资，以及动态投资所需的逐年投资比例（SPENDING，供投资估算读取）。

单元不早于其可复垦年份复垦：取单元自身字段的年份；否则（塌陷地）取影响范围（半径 = 采深 / tan β）覆盖该单元的工作面中最晚的开采年份 + 稳沉期；否则按规则包中该损毁类型的释放规则（自开始、闭矿后、稳沉后）。工程在稳沉期最后一年前完成，使管护期能在服务年限内紧随其后。

不设预算时，每个单元安排在其可复垦的阶段。设定各阶段预算（BUDGET，元：一个数适用于每个阶段，或 阶段=金额;…）时，以混合整数规划（SciPy，HiGHS）或贪心填充（报告其与最优解的差距）在预算内选择阶段，使尽可能多的面积（或 BENEFIT_FIELD）尽早复垦；列出任何预算都容纳不下的单元。预算需要费用：投资估算所用的工程量表（WORKS）、单价表和费用构成。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="156"/>
        <source>Evaluation units (with use_proposed and dist_type)</source>
        <translation>评价单元（含 use_proposed 和 dist_type）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="164"/>
        <source>First year of the plan</source>
        <translation>方案起始年份</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="174"/>
        <source>Production period (生产期, years)</source>
        <translation>生产期（年）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="174"/>
        <source>Settling period (稳沉期, years; 0 without subsidence)</source>
        <translation>稳沉期（年；无塌陷时为 0）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="174"/>
        <source>After-care period (管护期, years)</source>
        <translation>管护期（年）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="184"/>
        <source>Stage length (years; empty: the rule pack&apos;s)</source>
        <translation>阶段长度（年；留空：取规则包的值）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="195"/>
        <source>Year a unit can be reclaimed from (field, optional)</source>
        <translation>单元可复垦年份（字段，可选）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="200"/>
        <source>Working panels</source>
        <translation>开采工作面</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="208"/>
        <source>Mining year of each panel (field)</source>
        <translation>各工作面开采年份（字段）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="211"/>
        <source>Mining depth of each panel (field, m)</source>
        <translation>各工作面开采深度（字段，m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="214"/>
        <source>Mining depth H (m), for all panels</source>
        <translation>开采深度 H（m），用于全部工作面</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="215"/>
        <source>tan β of each panel (field)</source>
        <translation>各工作面 tan β（字段）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="218"/>
        <source>Tangent of the major influence angle tan β</source>
        <translation>主要影响角正切 tan β</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="220"/>
        <source>Budget per stage (元: one number, or stage=amount;…)</source>
        <translation>各阶段预算（元：一个数，或 阶段=金额;…）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="227"/>
        <source>Benefit of each unit (field; empty: its area)</source>
        <translation>单元效益（字段；留空：取其面积）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="230"/>
        <source>Units with their stage</source>
        <translation>单元及其复垦阶段</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="235"/>
        <source>Work plan by stage</source>
        <translation>复垦工作计划安排表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="240"/>
        <source>Works by stage</source>
        <translation>分阶段工程量表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="248"/>
        <source>Yearly spending (year=share;…, for the investment)</source>
        <translation>逐年投资比例（年=比例;…，供投资估算）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="271"/>
        <source>The rule pack {0} has no schedule block (stage length, release of damaged land): add one (see docs/work-plan.md) or use cn-reclamation.</source>
        <translation>规则包 {0} 没有 schedule 块（阶段长度、损毁土地的可复垦时间）：请添加（见 docs/work-plan.md）或使用 cn-reclamation。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="280"/>
        <source>The evaluation units have no features.</source>
        <translation>评价单元图层没有要素。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="290"/>
        <source>Budgets need the cost of every unit: give the works (WORKS), the unit prices (PRICES) and the cost structure (COSTS).</source>
        <translation>预算需要每个单元的费用：请提供工程量表（WORKS）、单价表（PRICES）和费用构成（COSTS）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="349"/>
        <source>Service period: {0}</source>
        <translation>服务年限：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="354"/>
        <source>The units have no field use_proposed: use the output of Evaluate suitability or Estimate engineering quantities. Fields: {0}</source>
        <translation>单元没有 use_proposed 字段：请使用“评价适宜性”或“估算工程量”的输出。字段：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="393"/>
        <source>Field {0} of {1} gives no benefit of 0 or more for unit(s) {2}.</source>
        <translation>{1} 的字段 {0} 未给出单元 {2} 的效益（应为 0 或更大）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="432"/>
        <source>Field {0} of {1} holds no calendar year ({2}–{3}) for unit(s) {4}.</source>
        <translation>{1} 的字段 {0} 对单元 {4} 不是有效的年份（{2}–{3}）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="456"/>
        <source>Panels {0}: name the field of their mining year (MINING_YEAR_FIELD).</source>
        <translation>工作面 {0}：请指定开采年份字段（MINING_YEAR_FIELD）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="474"/>
        <source>The panels cannot be laid over the units: {0} cannot be transformed.</source>
        <translation>无法将工作面与单元叠加：{0} 无法转换坐标。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="500"/>
        <source>No mining depth or tan β for the panels of {0}: only units on a panel's own area take its mining year.</source>
        <translation>{0} 的工作面没有开采深度或 tan β：只有位于工作面范围内的单元采用其开采年份。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="509"/>
        <source>Panels {0}: no positive mining depth and tan β for panel(s) {1}.</source>
        <translation>工作面 {0}：第 {1} 个工作面没有正的开采深度和 tan β。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="542"/>
        <source>The investment by stage needs all three: the works (WORKS), the unit prices (PRICES) and the cost structure (COSTS).</source>
        <translation>分阶段投资需要三者齐全：工程量表（WORKS）、单价表（PRICES）和费用构成（COSTS）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="555"/>
        <source>Investment: {0}</source>
        <translation>投资：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="557"/>
        <source>No unit price for {0} work(s): the investment by stage leaves them out.</source>
        <translation>{0} 项工程措施没有单价：分阶段投资未计入。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="592"/>
        <source>Budget “{0}”: {1}. Write one amount, or stage=amount;…</source>
        <translation>预算“{0}”：{1}。请写一个金额，或 阶段=金额;…</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="598"/>
        <source>Budget “{0}”: amounts of 0 or more.</source>
        <translation>预算“{0}”：金额应为 0 或更大。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="625"/>
        <source>Service period {0}–{1} ({2} years), {3} stage(s); works end by {4}.</source>
        <translation>服务年限 {0}–{1} 年（{2} 年），{3} 个阶段；工程于 {4} 年前完成。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="636"/>
        <source>{0} unit(s) ({1:.4f} hm²) are ready only after {2}: their after-care runs past the service period (units {3}). Lengthen the settling period or check their years.</source>
        <translation>{0} 个单元（{1:.4f} hm²）在 {2} 年之后才可复垦：其管护期超出服务年限（单元 {3}）。请延长稳沉期或核对其年份。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="650"/>
        <source>The budgets leave {0} unit(s) ({1:.4f} hm²) without a stage: units {2}. Raise the budgets: every damaged unit must be reclaimed.</source>
        <translation>预算使 {0} 个单元（{1:.4f} hm²）未能安排阶段：单元 {2}。请提高预算：每个损毁单元都须复垦。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/schedule_plan.py" line="661"/>
        <source>Stages chosen by {0}; gap to the best possible at most {1:.2%}.</source>
        <translation>阶段由 {0} 选定；与最优解的差距不超过 {1:.2%}。</translation>
    </message>
</context>
<context>
    <name>ScheduleTableModel</name>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="414"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="416"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="417"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="418"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="428"/>
        <source>Stage length</source>
        <translation>阶段长度</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="428"/>
        <source>Reclaimed from: {0}</source>
        <translation>可复垦时间：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="415"/>
        <source>Value (years, or when the land may be reclaimed)</source>
        <translation>取值（年数，或何时可以复垦）</translation>
    </message>
</context>
<context>
    <name>SecondLivesAlgorithm</name>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="74"/>
        <source>Second lives of mine land</source>
        <translation>矿山土地转型利用</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="80"/>
        <source>Second lives (转型利用) for the evaluation units, by the rule pack's reuse block, each limit with its source and status.

Photovoltaics (光伏): on land whose proposed use it may replace (never cultivated land or forest in the built-in packs); ground panels no steeper than the limit and, above the flat slope, facing within the aspect range (mean aspect from the DEM); floating panels on land proposed as water deep enough; within the distance to a grid line or substation (GRID); adjacent suitable units together at least the least area. Capacity = area × MW per hm².
Construction (建设用地): no steeper than the limit, within the distance to a road (ROADS), never on subsided land unless the unit is stable (STABLE_FIELD).
Ecology and tourism (生态/文旅): water, woods and grass within the distance to a settlement (SETTLEMENTS).

A limit whose layer is not given fails (a missing value never passes). Outputs: the units with reuse_&lt;kind&gt; (1/0), why_&lt;kind&gt; (the limit failed), pv_floating, pv_mw and reuse_first (the first suitable by the pack's priority); where the pack's reuse.replace is true, construction becomes the proposed use (its code from the pack) and the reclaimed use is kept in use_reclaimed. A summary by kind.</source>
        <translation>按规则包 reuse 部分评价各评价单元的转型利用方式，每个限值均注明来源与核实状态。

光伏：仅用于其建议用途可被替代的土地（内置规则包中绝不占用耕地和林地）；地面光伏坡度不超过限值，且坡度大于平地坡度时朝向须在规定范围内（平均坡向取自 DEM）；建议为水域且水深足够的土地可建漂浮式光伏；距电网线路或变电站（GRID）不超过规定距离；相邻的适宜单元合计面积不小于最小连片面积。装机容量 = 面积 × 每公顷兆瓦数。
建设用地：坡度不超过限值，距道路（ROADS）不超过规定距离，塌陷地除非已确认稳定（STABLE_FIELD）否则一律不宜。
生态/文旅：距居民点（SETTLEMENTS）规定距离以内的水域、林地和草地。

未提供某项限值所需的图层时该项不通过（缺失值绝不视为合格）。输出：带 reuse_&lt;类型&gt;（1/0）、why_&lt;类型&gt;（未通过的限值）、pv_floating、pv_mw 和 reuse_first（按规则包优先顺序第一个适宜的方式）字段的评价单元；规则包 reuse.replace 为 true 时，建设用地取代建议用途（地类编码取自规则包），原复垦用途保存在 use_reclaimed 中。另附按类型的汇总表。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="101"/>
        <source>Evaluation units (with proposed use)</source>
        <translation>评价单元（含建议用途）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="109"/>
        <source>DEM (for the aspect)</source>
        <translation>DEM（用于坡向）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="113"/>
        <source>Grid lines or substations</source>
        <translation>电网线路或变电站</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="113"/>
        <source>Roads</source>
        <translation>道路</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="113"/>
        <source>Settlements</source>
        <translation>居民点</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="123"/>
        <source>Field: the ground is stable (1/0; subsided land without it is not)</source>
        <translation>字段：地基已稳定（1/0；无此字段时塌陷地视为不稳定）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="131"/>
        <source>Units with their second lives</source>
        <translation>带转型利用方式的评价单元</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="138"/>
        <source>Second lives by kind</source>
        <translation>转型利用（按类型）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="158"/>
        <source>The units have no field use_proposed: use the output of Evaluate suitability.</source>
        <translation>评价单元没有 use_proposed 字段：请使用适宜性评价的输出。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="286"/>
        <source>DEM</source>
        <translation>DEM</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="304"/>
        <source>DEM: {0}</source>
        <translation>DEM：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="345"/>
        <source>{0}: {1} unit(s), {2:.4f} hm².</source>
        <translation>{0}：{1} 个单元，{2:.4f} hm²。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="350"/>
        <source>Photovoltaic capacity {0:.2f} MW ({1:.4f} hm² floating).</source>
        <translation>光伏装机容量 {0:.2f} MW（其中漂浮式 {1:.4f} hm²）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="358"/>
        <source>Photovoltaics</source>
        <translation>光伏</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="359"/>
        <source>Construction</source>
        <translation>建设用地</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="360"/>
        <source>Ecology and tourism</source>
        <translation>生态/文旅</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="197"/>
        <source>Feature {0} of the units: {1}</source>
        <translation>评价单元的要素 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="261"/>
        <source>Feature {0} of {1}: {2}</source>
        <translation>{1} 的要素 {0}：{2}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/second_lives.py" line="329"/>
        <source>A group of units could not be indexed.</source>
        <translation>无法为一组评价单元建立空间索引。</translation>
    </message>
</context>
<context>
    <name>StagedOutputs</name>
    <message>
        <location filename="../../plugin/provider/report.py" line="1360"/>
        <source>The folder of {0} does not exist.</source>
        <translation>{0} 所在的文件夹不存在。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="1362"/>
        <source>{0} is a folder, not a file name.</source>
        <translation>{0} 是文件夹，不是文件名。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="1364"/>
        <source>Cannot write {0}: the file or its folder is read-only.</source>
        <translation>无法写入 {0}：文件或其所在文件夹为只读。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="1403"/>
        <source>Cannot write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="1449"/>
        <source>Cannot replace {0}: {1}</source>
        <translation>无法替换 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/report.py" line="1420"/>
        <source>The Word report needs the Python module docx: install the Debian package python3-docx (or pip install python-docx) and run again.</source>
        <translation>Word 报告需要 Python 模块 docx：请安装 Debian 软件包 python3-docx（或 pip install python-docx）后重新运行。</translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <location filename="../../plugin/gui/wizard_page.py" line="74"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>SuitabilityDialog</name>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="104"/>
        <source>Evaluate suitability and propose land use</source>
        <translation>适宜性评价与复垦方向建议</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="120"/>
        <source>Units and fields</source>
        <translation>评价单元与字段</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="121"/>
        <source>Rules and output</source>
        <translation>规则与输出</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="122"/>
        <source>Optional sources</source>
        <translation>可选数据源</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="124"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="126"/>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="141"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="149"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="149"/>
        <source>Factor</source>
        <translation>因子</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="150"/>
        <source>Choose the factor each field holds. Suggestions come from the field names (Chinese and English); fields named like a factor are used as that factor.</source>
        <translation>选择每个字段对应的因子。建议项根据字段名（中文和英文）给出；与因子同名的字段直接作为该因子使用。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="159"/>
        <source>Evaluation units</source>
        <translation>评价单元</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="191"/>
        <source>Rule-pack file</source>
        <translation>规则包文件</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="171"/>
        <source>As in the rule pack</source>
        <translation>按规则包设定</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="177"/>
        <source>Provincial cultivation slope cap</source>
        <translation>省级耕地坡度上限</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="183"/>
        <source>Cultivated land is never proposed above 25°; a province may be stricter.</source>
        <translation>坡度超过 25° 的土地不会被建议为耕地；各省可规定更严格的上限。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="190"/>
        <source>Rule pack</source>
        <translation>规则包</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="192"/>
        <source>Method</source>
        <translation>评价方法</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="208"/>
        <source>DEM (slope)</source>
        <translation>DEM（坡度）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="209"/>
        <source>Soil polygons</source>
        <translation>土壤图斑</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="210"/>
        <source>Soil fields (field=factor;…)</source>
        <translation>土壤字段（字段=因子;…）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="211"/>
        <source>Groundwater depth raster (m)</source>
        <translation>地下水埋深栅格（m）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="212"/>
        <source>Water features</source>
        <translation>水体要素</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="216"/>
        <source>Proposed use</source>
        <translation>建议用途</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="216"/>
        <source>Units</source>
        <translation>单元数</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="216"/>
        <source>Area (hm²)</source>
        <translation>面积（hm²）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="216"/>
        <source>Area (亩)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="243"/>
        <source>(not used)</source>
        <translation>（不使用）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="254"/>
        <source>Used as {factor} because of its name.</source>
        <translation>根据字段名作为 {factor} 使用。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="338"/>
        <source>Choose a polygon layer of evaluation units.</source>
        <translation>请选择评价单元面图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="340"/>
        <source>Choose a rule-pack file, or a built-in rule pack.</source>
        <translation>请选择规则包文件或内置规则包。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="343"/>
        <source>Each factor can come from one field only: {factors}.</source>
        <translation>每个因子只能来自一个字段：{factors}。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="347"/>
        <source>Choose the GeoPackage file to write, or temporary layers.</source>
        <translation>请选择要写入的 GeoPackage 文件，或选择临时图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="393"/>
        <source>Suitability</source>
        <translation>适宜性评价</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="396"/>
        <source>Run “{name}”</source>
        <translation>运行“{name}”</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="402"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="433"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="435"/>
        <source>Area by proposed use</source>
        <translation>按建议用途统计面积</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="436"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="436"/>
        <source>The layers are in the group “{group}”.</source>
        <translation>图层位于“{group}”组中。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/suitability_dialog.py" line="444"/>
        <source>Not evaluated</source>
        <translation>未评价</translation>
    </message>
</context>
<context>
    <name>SuitabilityTableModel</name>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="258"/>
        <source>Use</source>
        <translation>用途</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="259"/>
        <source>Factor</source>
        <translation>因子</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="260"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="261"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="262"/>
        <source>Limit 1</source>
        <translation>界限值 1</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="263"/>
        <source>Limit 2</source>
        <translation>界限值 2</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="264"/>
        <source>Limit 3</source>
        <translation>界限值 3</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="265"/>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="266"/>
        <source>Missing values</source>
        <translation>缺失值</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="267"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="268"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="269"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>SummarizePlanAlgorithm</name>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="160"/>
        <source>Summarize the reclamation plan</source>
        <translation>复垦规划汇总</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="193"/>
        <source>Disturbed land (classified)</source>
        <translation>损毁土地（分类结果）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="198"/>
        <source>Suitability and proposed use</source>
        <translation>适宜性与建议用途</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="936"/>
        <source>Current land use</source>
        <translation>现状土地利用</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="208"/>
        <source>Land-use code field (GB/T 21010)</source>
        <translation>地类编码字段（GB/T 21010）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="965"/>
        <source>Study area</source>
        <translation>项目区</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="284"/>
        <source>Report title</source>
        <translation>报告标题</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="284"/>
        <source>Land reclamation plan</source>
        <translation>土地复垦规划</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="309"/>
        <source>Area tables</source>
        <translation>面积表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="309"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="314"/>
        <source>Report (HTML)</source>
        <translation>报告（HTML）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="314"/>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="314"/>
        <source>Report (PDF)</source>
        <translation>报告（PDF）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="314"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="314"/>
        <source>Tables (XLSX)</source>
        <translation>表格（XLSX）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="314"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="351"/>
        <source>Working CRS: {0} ({1})</source>
        <translation>工作 CRS：{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="853"/>
        <source>Damaged {0:.4f} hm², reclaimed {1:.4f} hm², reclamation rate {2}</source>
        <translation>损毁 {0:.4f} hm²，已复垦 {1:.4f} hm²，复垦率 {2}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="862"/>
        <source>Cultivated land: {0:.4f} hm² before, {1:.4f} hm² after</source>
        <translation>耕地：复垦前 {0:.4f} hm²，复垦后 {1:.4f} hm²</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="885"/>
        <source>{0}: the layer could not be read.</source>
        <translation>{0}：无法读取该图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="898"/>
        <source>{0} “{1}” has no field {2}. {3} Fields: {4}</source>
        <translation>{0}“{1}”缺少字段 {2}。{3}字段：{4}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="912"/>
        <source>Disturbed land</source>
        <translation>损毁土地</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="913"/>
        <source>Suitability</source>
        <translation>适宜性评价</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="915"/>
        <source>Give the disturbed land and the suitability layers.</source>
        <translation>请提供损毁土地图层和适宜性评价图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="916"/>
        <source>Disturbed land layer</source>
        <translation>损毁土地图层</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="916"/>
        <source>Use the output of Classify disturbed land.</source>
        <translation>请使用“损毁土地分类”的输出。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="930"/>
        <source>Suitability layer</source>
        <translation>适宜性评价图层</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="930"/>
        <source>Use the output of Evaluate suitability.</source>
        <translation>请使用“适宜性评价与复垦方向建议”的输出。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="944"/>
        <source>Current land use: name its GB/T 21010 code field (LANDUSE_CODE_FIELD). Fields: {0}</source>
        <translation>现状土地利用：请指定其 GB/T 21010 地类编码字段（LANDUSE_CODE_FIELD）。字段：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="958"/>
        <source>Current land-use layer</source>
        <translation>现状土地利用图层</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="950"/>
        <source>Choose the field holding the GB/T 21010 code.</source>
        <translation>请选择保存 GB/T 21010 地类编码的字段。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="983"/>
        <source>{0} disturbance polygon(s) with dist_type empty or “none” are not damaged land and were left out.</source>
        <translation>损毁土地图层中有 {0} 个 dist_type 为空或为“none”的图斑，不属于损毁土地，已排除。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="1053"/>
        <source>The suitability units come from several rule packs: {0}</source>
        <translation>适宜性评价单元来自多个规则包：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="1077"/>
        <source>The suitability layer has no coordinate reference system; set it.</source>
        <translation>适宜性评价图层没有坐标参考系，请先设置。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="1128"/>
        <source>Overlay {0} of {1}…</source>
        <translation>正在进行叠加分析（{0}/{1}）…</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="297"/>
        <source>Report language</source>
        <translation>报告语言</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="297"/>
        <source>Chinese for rule packs of China, else the language of QGIS</source>
        <translation>规则包适用于中国时为中文，否则为 QGIS 界面语言</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="166"/>
        <source>Area tables of the reclamation plan and its report, from the outputs of Classify disturbed land and Evaluate suitability:
• damaged area by type × degree × land use before damage;
• suitability area by use × grade, and proposed area by use with its GB/T 21010 code;
• the land-use structure adjustment table (土地利用结构调整表): area by GB/T 21010 first-level class before and after reclamation, change and share. Before: the current land use (LANDUSE) inside the study area, else the land use before damage of the damaged land; after: damaged land takes the proposed use of its unit, undamaged land is unchanged;
• the reclamation rate (复垦率 = reclaimed / damaged area) and the cultivated-land balance.
Areas are ellipsoidal (the ellipsoid of the working CRS) in m², hm² and 亩 (1 hm² = 15 亩); the reports show hm² with 4 decimals, m², 亩 and % with 2. Every table has a not-evaluated row and a total, and is checked to close on its total within 0.01 %.
Outputs: a GeoPackage of tables with a run log; optionally an HTML report (self-contained, with charts), a PDF (map of the proposed uses, then the tables) and an XLSX workbook (one sheet per table, with the report's headings).
Report language: the tables, reports and the warnings they carry are written in Chinese or English whatever language QGIS runs in; by default Chinese for rule packs of China, else the language of QGIS.</source>
        <translation>根据“损毁土地分类”和“适宜性评价与复垦方向建议”的输出，生成复垦规划的面积表及报告：
• 按损毁类型 × 损毁程度 × 损毁前地类统计的损毁面积；
• 按用途 × 适宜等级统计的适宜性面积，以及按用途统计的建议面积及其 GB/T 21010 编码；
• 土地利用结构调整表：复垦前后按 GB/T 21010 一级地类统计的面积、变化量和占比。复垦前：项目区内的现状土地利用（LANDUSE），否则为损毁土地的损毁前地类；复垦后：损毁土地采用其所在评价单元的建议用途，未损毁土地保持不变；
• 复垦率（复垦率 = 已复垦面积 / 损毁面积）和耕地平衡。
面积为椭球面积（采用工作 CRS 的椭球），单位为 m²、hm² 和亩（1 hm² = 15 亩）；报告中 hm² 保留 4 位小数，m²、亩和 % 保留 2 位。每张表都包含未评价行和合计行，并检查其与总面积的闭合差是否在 0.01 % 以内。
输出：含运行日志的 GeoPackage 表格；可选输出 HTML 报告（独立文件，含图表）、PDF（先为建议用途地图，后为各表）和 XLSX 工作簿（每张表一个工作表，采用报告的标题）。
报告语言：表格、报告及其中的警告按所选语言（中文或英文）输出，与 QGIS 界面语言无关；默认规则包适用于中国时为中文，否则为 QGIS 的界面语言。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="289"/>
        <source>Project overview (矿山名称=…;采矿权人=…;开采方式=…;生产规模=…;…)</source>
        <translation>项目概况（矿山名称=…;采矿权人=…;开采方式=…;生产规模=…;…）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="341"/>
        <source>Project overview: {0}</source>
        <translation>项目概况：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="314"/>
        <source>Report (Word)</source>
        <translation>报告（Word）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="314"/>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="216"/>
        <source>Land-use ownership field (权属单位, e.g. QSDWMC; empty: found by name)</source>
        <translation>土地权属字段（权属单位，如 QSDWMC；留空则按名称查找）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="958"/>
        <source>Choose the field holding the owner (权属单位).</source>
        <translation>请选择存放权属单位的字段。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="229"/>
        <source>Predicted subsidence (m), for the prediction&apos;s figures</source>
        <translation>预计下沉栅格（m，用于预测特征值）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="229"/>
        <source>Predicted tilt (mm/m)</source>
        <translation>预计倾斜栅格（mm/m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="229"/>
        <source>Predicted horizontal deformation (mm/m)</source>
        <translation>预计水平变形栅格（mm/m）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="235"/>
        <source>Works per unit (from Estimate engineering quantities)</source>
        <translation>各单元工程量（估算工程量的输出）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="235"/>
        <source>Soil and earthwork balance (from Estimate engineering quantities)</source>
        <translation>土方平衡（估算工程量的输出）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="570"/>
        <source>Works table</source>
        <translation>工程量表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="570"/>
        <source>Use the WORKS output of Estimate engineering quantities.</source>
        <translation>请使用估算工程量的 WORKS 输出。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="579"/>
        <source>Balance table</source>
        <translation>土方平衡表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="579"/>
        <source>Use the BALANCE output of Estimate engineering quantities.</source>
        <translation>请使用估算工程量的 BALANCE 输出。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="235"/>
        <source>Investment estimate (from Estimate the investment)</source>
        <translation>投资估算表（投资估算的输出）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="235"/>
        <source>Investment summary (from Estimate the investment)</source>
        <translation>投资汇总（投资估算的输出）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="588"/>
        <source>Investment table</source>
        <translation>投资估算表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="588"/>
        <source>Use the COST_TABLE output of Estimate the investment.</source>
        <translation>请使用投资估算的 COST_TABLE 输出。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="235"/>
        <source>Work plan by stage (from Schedule the work plan)</source>
        <translation>复垦工作计划安排表（来自“安排复垦工作计划”）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="235"/>
        <source>Works by stage (from Schedule the work plan)</source>
        <translation>分阶段工程量表（来自“安排复垦工作计划”）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="624"/>
        <source>Works by stage</source>
        <translation>分阶段工程量表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="624"/>
        <source>Use the STAGE_WORKS output of Schedule the work plan.</source>
        <translation>请使用“安排复垦工作计划”的 STAGE_WORKS 输出。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="717"/>
        <source>Work plan by stage</source>
        <translation>复垦工作计划安排表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="717"/>
        <source>Use the STAGE_TABLE output of Schedule the work plan.</source>
        <translation>请使用“安排复垦工作计划”的 STAGE_TABLE 输出。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="731"/>
        <source>Table “{0}”: {1}</source>
        <translation>表“{0}”：{1}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="235"/>
        <source>Ecosystem-service value by service (from Ecosystem-service value)</source>
        <translation>生态系统服务价值（按服务类型；来自“生态系统服务价值”）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="235"/>
        <source>Ecosystem-service value by ecosystem type (from Ecosystem-service value)</source>
        <translation>生态系统服务价值（按生态系统类型；来自“生态系统服务价值”）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="663"/>
        <source>Ecosystem-service value table</source>
        <translation>生态系统服务价值表</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="663"/>
        <source>Use the SERVICES and ECOSYSTEMS outputs of Ecosystem-service value.</source>
        <translation>请使用“生态系统服务价值”的 SERVICES 和 ECOSYSTEMS 输出。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="259"/>
        <source>Ecological corridors (from Ecological network)</source>
        <translation>生态廊道（来自“生态网络”）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="259"/>
        <source>Ecological sources (from Ecological network)</source>
        <translation>生态源地（来自“生态网络”）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="259"/>
        <source>Units with their priority (from Priority by cost and benefit)</source>
        <translation>带修复优先序的评价单元（来自“成本效益修复优先序”）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="672"/>
        <source>Corridors</source>
        <translation>生态廊道</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="672"/>
        <source>Use the CORRIDORS output of Ecological network.</source>
        <translation>请使用“生态网络”的 CORRIDORS 输出。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="684"/>
        <source>Priority</source>
        <translation>修复优先序</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="684"/>
        <source>Use the OUTPUT of Priority by cost and benefit.</source>
        <translation>请使用“成本效益修复优先序”的 OUTPUT 输出。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="259"/>
        <source>Second lives by kind (from Second lives of mine land)</source>
        <translation>转型利用（按类型；来自“矿山土地转型利用”）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="703"/>
        <source>Second lives</source>
        <translation>转型利用</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="703"/>
        <source>Use the SUMMARY output of Second lives of mine land.</source>
        <translation>请使用“矿山土地转型利用”的 SUMMARY 输出。</translation>
    </message>
</context>
<context>
    <name>TerrainFactorsAlgorithm</name>
    <message>
        <location filename="../../plugin/provider/algorithms/terrain_factors.py" line="34"/>
        <source>Terrain factors (slope, elevation change)</source>
        <translation>地形因子（坡度、高程变化）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/terrain_factors.py" line="40"/>
        <source>Slope by Horn's method (the method of gdaldem and QGIS), in degrees or percent, computed block by block so that any DEM size fits in memory. A DEM in a geographic CRS (EPSG:4490, EPSG:4326, …) is never treated as metres: the true ground size of its cells is computed on the CRS's ellipsoid for every row, and the slope stays on the DEM's own grid.

With a DEM before mining, the elevation change (after − before, metres) is written too; the earlier DEM is resampled (bilinear) onto the grid of the later one when their CRS, extent or cell size differ.

NoData follows gdaldem: a cell whose 3×3 window touches NoData or the raster edge is NoData, unless 'Compute edges' is checked.</source>
        <translation>采用 Horn 法（gdaldem 和 QGIS 所用的方法）计算坡度，单位为度或百分比，分块计算，因此任意大小的 DEM 都不会超出内存。地理坐标系（EPSG:4490、EPSG:4326 等）下的 DEM 不会被当作米制处理：在该 CRS 的椭球上逐行计算像元的实际地面尺寸，坡度仍输出在 DEM 自身的格网上。

提供采矿前 DEM 时，同时输出高程变化（采矿后 − 采矿前，单位为米）；两者的 CRS、范围或像元大小不同时，较早的 DEM 会（以双线性方法）重采样到较晚 DEM 的格网上。

NoData 的处理与 gdaldem 相同：3×3 窗口触及 NoData 或栅格边缘的像元为 NoData，除非勾选“计算边缘”。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/terrain_factors.py" line="54"/>
        <source>DEM (after mining, metres)</source>
        <translation>DEM（采矿后，单位为米）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/terrain_factors.py" line="57"/>
        <source>DEM before mining</source>
        <translation>采矿前 DEM</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/terrain_factors.py" line="62"/>
        <source>Slope unit</source>
        <translation>坡度单位</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/terrain_factors.py" line="62"/>
        <source>Degrees</source>
        <translation>度</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/terrain_factors.py" line="62"/>
        <source>Percent</source>
        <translation>百分比</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/terrain_factors.py" line="70"/>
        <source>Compute edges (as gdaldem -compute_edges)</source>
        <translation>计算边缘（同 gdaldem -compute_edges）</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/terrain_factors.py" line="75"/>
        <source>Slope</source>
        <translation>坡度</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/terrain_factors.py" line="76"/>
        <source>Elevation change</source>
        <translation>高程变化</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/terrain_factors.py" line="91"/>
        <source>DEM</source>
        <translation>数字高程模型 (DEM)</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/terrain_factors.py" line="92"/>
        <source>DEM before</source>
        <translation>采矿前 DEM</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/terrain_factors.py" line="96"/>
        <source>An elevation-change output needs a DEM before mining (DEM_BEFORE).</source>
        <translation>输出高程变化需要采矿前 DEM（DEM_BEFORE）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/terrain_factors.py" line="102"/>
        <source>DEM “{0}” is in a geographic CRS ({1}): cell sizes are computed in metres on its ellipsoid, row by row.</source>
        <translation>DEM“{0}”为地理坐标系（{1}）：将在其椭球上逐行按米计算像元大小。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/terrain_factors.py" line="131"/>
        <source>Cancelled: no output was written.</source>
        <translation>已取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/terrain_factors.py" line="134"/>
        <source>Terrain factors failed: {0}</source>
        <translation>地形因子计算失败：{0}</translation>
    </message>
</context>
<context>
    <name>WorkPlanPage</name>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="32"/>
        <source>Work plan and investment</source>
        <translation>复垦工作计划与投资</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="36"/>
        <source>Service period (服务年限)</source>
        <translation>服务年限</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="47"/>
        <source>First year of the plan</source>
        <translation>方案起始年份</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="48"/>
        <source>Production period (生产期, years)</source>
        <translation>生产期（年）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="49"/>
        <source>Settling period (稳沉期, years)</source>
        <translation>稳沉期（年）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="50"/>
        <source>After-care period (管护期, years)</source>
        <translation>管护期（年）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="51"/>
        <source>Mining year of the panels</source>
        <translation>工作面开采年份字段</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="52"/>
        <source>Investment (投资估算)</source>
        <translation>投资估算</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="55"/>
        <source>Unit prices (*.csv *.gpkg)</source>
        <translation>单价表 (*.csv *.gpkg)</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="56"/>
        <source>Cost structures (*.json)</source>
        <translation>费用构成 (*.json)</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="58"/>
        <source>optional: 5000000, or 1=5000000;2=3000000</source>
        <translation>可选：5000000，或 1=5000000;2=3000000</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="60"/>
        <source>Unit prices</source>
        <translation>单价表</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="61"/>
        <source>Cost structure</source>
        <translation>费用构成</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="62"/>
        <source>Budget per stage (元)</source>
        <translation>各阶段预算（元）</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="66"/>
        <source>A unit is reclaimed once it is ready: subsided land the settling period after the mining year of the panels above it, dumps and pits after production, polluted land at once (the rule pack&apos;s release rules).</source>
        <translation>单元在可复垦时复垦：塌陷地在其上方工作面开采年份之后经过稳沉期，排土场和采坑在生产期结束后，污染土地即时（规则包的释放规则）。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="76"/>
        <source>No price or rate is built in. Fill in {0}; {1} and {2} are an example for the sample mine, not a norm.</source>
        <translation>插件不内置任何单价或费率。请填写 {0}；{1} 和 {2} 是示例矿山的示例，不是定额。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="130"/>
        <source>The production and settling periods leave no year for the works.</source>
        <translation>生产期与稳沉期之和为 0，没有安排工程的年份。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="132"/>
        <source>unit prices</source>
        <translation>单价表</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="132"/>
        <source>cost structure</source>
        <translation>费用构成</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="138"/>
        <source>Choose the file of the {0}.</source>
        <translation>请选择{0}文件。</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/work_plan_page.py" line="33"/>
        <source>The stages of the service period, and the investment. Both are optional.</source>
        <translation>服务年限的阶段安排与投资估算，二者均为可选。</translation>
    </message>
</context>
<context>
    <name>WorksTableModel</name>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="362"/>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="363"/>
        <source>Use</source>
        <translation>用途</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="364"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="365"/>
        <source>Rule</source>
        <translation>计算规则</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="366"/>
        <source>Value</source>
        <translation>取值</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="367"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="368"/>
        <source>Status</source>
        <translation>核实状态</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/rule_pack_editor.py" line="369"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>ZoneTexts</name>
    <message>
        <location filename="../../plugin/gui/zone_texts.py" line="16"/>
        <source>Mining influence zone (subsidence)</source>
        <translation>采动（沉陷）影响范围</translation>
    </message>
    <message>
        <location filename="../../plugin/gui/zone_texts.py" line="19"/>
        <source>The area the underground workings move (采动（沉陷）影响范围): it reaches beyond the goaf and the working panels by about the depth divided by tan β, so do not give the panels themselves. Lowered ground inside it is subsidence; lowered ground outside it is not classified but reported with its area. Without a zone use the predicted subsidence (from the panels) instead.</source>
        <translation>井下开采引起地表移动的范围（采动（沉陷）影响范围）：其超出采空区和工作面边界约为采深除以 tan β，因此不要直接使用工作面本身。范围内的地面降低为塌陷；范围外的地面降低不予分类，但会报告其面积。没有影响范围时，请改用（根据工作面）预计的沉陷。</translation>
    </message>
</context>
<context>
    <name>_Copier</name>
    <message>
        <location filename="../../plugin/provider/algorithms/summarize_plan.py" line="1239"/>
        <source>{0}: feature {1} cannot be transformed to {2}; left out.</source>
        <translation>{0}：要素 {1} 无法转换到 {2}，已排除。</translation>
    </message>
</context>
<context>
    <name>_Messages</name>
    <message>
        <location filename="../../plugin/provider/outputs.py" line="234"/>
        <source>A shapefile cuts field names to 10 characters: {0}. The full names are aliases in the .qml style beside it; a GeoPackage keeps them.</source>
        <translation>Shapefile 的字段名最多 10 个字符：{0}。完整字段名作为别名保存在同名 .qml 样式中；GeoPackage 可保留完整字段名。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/safety.py" line="244"/>
        <source>The output {0} would overwrite the input {1}: {2}. Inputs are never modified: choose another file, or another layer name in the GeoPackage (Save to GeoPackage…). Nothing was written.</source>
        <translation>输出 {0} 将覆盖输入 {1}：{2}。输入数据始终不会被修改：请选择其他文件，或在 GeoPackage 中使用其他图层名（保存到 GeoPackage…）。未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/safety.py" line="251"/>
        <source>The outputs {0} and {1} name the same file: {2}. Give each its own file or GeoPackage layer. Nothing was written.</source>
        <translation>输出 {0} 和 {1} 指向同一个文件：{2}。请为每个输出指定各自的文件或 GeoPackage 图层。未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/safety.py" line="257"/>
        <source>The folder of the output {0} does not exist: {1}. Create it or choose another folder. Nothing was written.</source>
        <translation>输出 {0} 所在的文件夹不存在：{1}。请创建该文件夹或选择其他文件夹。未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/safety.py" line="263"/>
        <source>The output {0} cannot be written in {1} ({2}). Choose a folder you can write to. Nothing was written.</source>
        <translation>无法在 {1} 中写入输出 {0}（{2}）。请选择有写入权限的文件夹。未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/safety.py" line="269"/>
        <source>The input “{0}” ({1}) is the layer “{2}”, which holds {3}; it needs {4}. Choose a layer of that kind.</source>
        <translation>输入“{0}”（{1}）所选图层“{2}”包含{3}；此处需要{4}。请选择该类型的图层。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/safety.py" line="275"/>
        <source>The input “{0}” ({1}) is the layer “{2}”, which has no features. Choose the layer that holds them (or check its filter).</source>
        <translation>输入“{0}”（{1}）所选图层“{2}”中没有要素。请选择包含要素的图层（或检查其过滤器）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/safety.py" line="282"/>
        <source>points</source>
        <translation>点要素</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/safety.py" line="283"/>
        <source>lines</source>
        <translation>线要素</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/safety.py" line="284"/>
        <source>polygons</source>
        <translation>面要素</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/safety.py" line="285"/>
        <source>no geometry</source>
        <translation>无几何要素</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/safety.py" line="289"/>
        <source>Removed what the failed run had written: {0}</source>
        <translation>已删除失败运行所写入的内容：{0}</translation>
    </message>
</context>
<context>
    <name>_Run</name>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="517"/>
        <source>Elevation change (after − before)…</source>
        <translation>正在计算高程变化（采矿后 − 采矿前）…</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="539"/>
        <source>Damage classes on the raster grid…</source>
        <translation>正在栅格格网上划分损毁类别…</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="549"/>
        <source>cells</source>
        <translation>像元</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="692"/>
        <source>Land use: name its GB/T 21010 code field (LANDUSE_CODE_FIELD); fields: {0}</source>
        <translation>土地利用：请指定其 GB/T 21010 地类编码字段（LANDUSE_CODE_FIELD）；字段：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="707"/>
        <source>Mapped facilities: choose the field that holds each facility&apos;s type (FACILITY_TYPE_FIELD).</source>
        <translation>矿山设施：请选择保存各设施类型的字段（FACILITY_TYPE_FIELD）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="718"/>
        <source>Mapped facilities: no damage type for these values of “{0}”: {1}. Add them to FACILITY_TYPE_MAP, e.g. “{2}=occupation”.</source>
        <translation>矿山设施：“{0}”的以下值没有对应的损毁类型：{1}。请将其添加到 FACILITY_TYPE_MAP，例如“{2}=occupation”。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="725"/>
        <source>{0} facility(ies) took the rule pack&apos;s default degree of their type.</source>
        <translation>{0} 个设施采用了规则包中其类型的默认损毁程度。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="730"/>
        <source>facilities</source>
        <translation>设施</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="745"/>
        <source>Soil samples: no field is named like a pollutant (Cd, Hg, As, Pb, Cr, Cu, Ni, Zn, 镉, 汞, 砷, 铅, 铬, 铜, 镍, 锌 …). Fields: {0}</source>
        <translation>土壤采样点：没有与污染物同名的字段（Cd、Hg、As、Pb、Cr、Cu、Ni、Zn、镉、汞、砷、铅、铬、铜、镍、锌 …）。字段：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="766"/>
        <source>Soil samples: no sample has a numeric concentration in {0}.</source>
        <translation>土壤采样点：{0} 中没有任何采样点具有数值型浓度。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="772"/>
        <source>{0} sample(s) have no numeric concentration and are ignored.</source>
        <translation>{0} 个采样点没有数值型浓度，已忽略。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="888"/>
        <source>samples</source>
        <translation>采样点</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="902"/>
        <source>{0} {1}: the rule pack&apos;s {2} limits are empty (or end below the value), so their degree is the pack&apos;s default or undecided. Fill the limits in the rule pack (TD/T 1031.3 or your province).</source>
        <translation>{0} 个{1}：规则包中 {2} 的界限值为空（或上限低于该值），因此其损毁程度取规则包默认值或无法确定。请在规则包中填写界限值（依据 TD/T 1031.3 或本省标准）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="603"/>
        <source>Inside the mining influence zone, {0:.4f} hm² is lowered by less than the minimum elevation change of {1:g} m ({2}) and is not counted as damage: DEM noise or the shallow margin of the basin. A predicted subsidence raster (panels → predictsubsidence) sets the basin boundary at its 10 mm line instead.</source>
        <translation>在采动（沉陷）影响范围内，有 {0:.4f} hm² 的降低幅度小于最小高程变化 {1:g} m（{2}），未计为损毁：属于 DEM 噪声或下沉盆地的浅缘。若改用沉陷预计栅格（工作面 → predictsubsidence），则以其 10 mm 等值线确定盆地边界。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="787"/>
        <source>Soil samples</source>
        <translation>土壤采样点</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="789"/>
        <source>{0}: no pH field (PH_FIELD, or a field named pH, pH值, 酸碱度); pollutants whose GB 15618 limits depend on pH are not rated.</source>
        <translation>{0}：没有 pH 字段（PH_FIELD，或名为 pH、pH值、酸碱度 的字段）；GB 15618 限值随 pH 变化的污染物不予评定。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="807"/>
        <source>{0}: field “{1}” holds {2} (sample {3}), which cannot be: {1} lies {4}. Check the unit and the “no data” codes; leave unknown values empty.</source>
        <translation>{0}：字段“{1}”的值 {2}（采样点 {3}）不合理：{1} 的取值应为 {4}。请检查单位和“无数据”代码；未知值请留空。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="822"/>
        <source>{0}: {1} value(s) of “{2}” are not numbers and are not used: samples {3}{4}. Those samples are not rated for what needs them.</source>
        <translation>{0}：“{2}”中有 {1} 个值不是数字，未予使用：采样点 {3}{4}。这些采样点不参与需要该值的评定。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/algorithms/classify_disturbance.py" line="588"/>
        <source>Lowered ground outside the mining influence zone: {0:.4f} hm² ({1:.2f} 亩) lowered by {2:g} m or more, and not under a mapped facility, is not classified as damage. If it is the margin of the subsidence basin, draw the influence zone wider (it reaches about the depth / tan β beyond the goaf) or give a predicted subsidence raster; if it is an open pit, map it in the facilities layer.</source>
        <translation>采动（沉陷）影响范围外的地面降低：降低 {2:g} m 及以上、且不在已填绘矿山设施内的 {0:.4f} hm²（{1:.2f} 亩）未计为损毁。如为沉陷盆地边缘，请扩大采动影响范围（约超出采空区 采深/tan β），或提供预计下沉栅格；如为露天采场，请在矿山设施图层中填绘。</translation>
    </message>
</context>
<context>
    <name>_Words</name>
    <message>
        <location filename="../../plugin/provider/mine_job.py" line="72"/>
        <source>{0} ({1}): no feature for this mine; the plan runs without it.</source>
        <translation>{0}（{1}）：该矿山没有相应要素；方案在没有该图层的情况下编制。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/mine_job.py" line="77"/>
        <source>{0}: the raster “{1}” does not cover this mine.</source>
        <translation>{0}：栅格“{1}”未覆盖该矿山。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/mine_job.py" line="80"/>
        <source>Unexpected error: {0} (the details are in the QGIS log).</source>
        <translation>意外错误：{0}（详见 QGIS 日志）。</translation>
    </message>
    <message>
        <location filename="../../plugin/provider/bulk_units.py" line="69"/>
        <source>{0}: feature {1} has an invalid geometry. Repair it (Vector › Geometry Tools › Fix Geometries), or change the Processing setting “Invalid features filtering”.</source>
        <translation>{0}：要素 {1} 的几何图形无效。请修复（矢量 › 几何工具 › 修复几何图形），或更改处理设置中的“无效要素过滤”。</translation>
    </message>
</context>
</TS>
