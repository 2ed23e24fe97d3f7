/// Parameter counts derived from the architecture.
///
/// Dense blocks follow the Llama layout (attention q/k/v/o, SwiGLU FFN with three matrices, two RMSNorms per layer);
/// MoE blocks follow DeepSeekMoE (shared + routed SwiGLU experts and a router); MLA follows DeepSeek-V2/V3
/// (`inference/model.py` in deepseek-ai/DeepSeek-V3). Biases are ignored (none of the presets has them).
/// Sums of hyper-parameters are formed in `Double`, so an unchecked architecture (huge or negative values) gives
/// odd counts rather than an integer-overflow trap; `ModelCatalog` and the estimators refuse those first.
public struct ParameterCount: Sendable, Equatable {
    /// Every weight of the model (excluding multi-token-prediction modules, as published totals do).
    public var total: Double
    /// Weights used for one token (MoE: shared + active routed experts).
    public var active: Double
    /// Input embedding table (a lookup, not a matrix multiply).
    public var embedding: Double
    /// Output head (vocab × hidden), zero when tied.
    public var outputHead: Double
    /// Routed and shared expert weights (MoE only).
    public var experts: Double
    /// Multi-token-prediction modules as stored in the checkpoint (with their own embedding and head copies).
    public var mtp: Double

    /// Active parameters that do matrix multiplies per token: what 6·N·D should use.
    public var activeCompute: Double { active - embedding }
}

extension ModelArchitecture {
    public var parameters: ParameterCount {
        let h = Double(hidden)
        let attention = attentionParametersPerLayer
        let norms = 2 * h
        let denseFFN = 3 * h * Double(ffn)
        var total = 0.0
        var active = 0.0
        var experts = 0.0
        var moeLayerTotal = 0.0
        if let moe {
            let expert = 3 * h * Double(moe.expertFFN)
            let router = h * Double(moe.routedExperts)
            let denseLayers = Double(min(moe.denseLayers, layers))
            let moeLayers = Double(layers) - denseLayers
            let routedAndShared = Double(moe.routedExperts) + Double(moe.sharedExperts)
            let activeAndShared = Double(moe.activeExperts) + Double(moe.sharedExperts)
            moeLayerTotal = attention + norms + routedAndShared * expert + router
            let moeLayerActive = attention + norms + activeAndShared * expert + router
            let denseLayer = attention + norms + denseFFN
            total = denseLayers * denseLayer + moeLayers * moeLayerTotal
            active = denseLayers * denseLayer + moeLayers * moeLayerActive
            experts = moeLayers * routedAndShared * expert
        } else {
            total = Double(layers) * (attention + norms + denseFFN)
            active = total
        }
        let embedding = Double(vocab) * h
        let head = tiedEmbeddings ? 0 : Double(vocab) * h
        let finalNorm = h
        total += embedding + head + finalNorm
        active += embedding + head + finalNorm
        // DeepSeek-V3's MTP module: one more block, a 2h→h projection, two norms, and (in the checkpoint) its own
        // embedding and output head.
        let block = moe == nil ? attention + norms + denseFFN : moeLayerTotal
        let mtp = Double(mtpDepth) * (block + 2 * h * h + 2 * h + embedding + head)
        return ParameterCount(
            total: total, active: active, embedding: embedding, outputHead: head,
            experts: experts, mtp: mtp)
    }

    /// Attention weights of one layer.
    public var attentionParametersPerLayer: Double {
        let h = Double(hidden)
        let nHeads = Double(heads)
        if let mla {
            let qkHead = Double(mla.qkNopeHeadDim) + Double(mla.qkRopeHeadDim)
            let query: Double =
                mla.qLoraRank > 0
                ? h * Double(mla.qLoraRank) + Double(mla.qLoraRank) + Double(mla.qLoraRank) * nHeads * qkHead
                : h * nHeads * qkHead
            let keyValue =
                h * (Double(mla.kvLoraRank) + Double(mla.qkRopeHeadDim)) + Double(mla.kvLoraRank)
                + Double(mla.kvLoraRank) * nHeads * (Double(mla.qkNopeHeadDim) + Double(mla.vHeadDim))
            let output = nHeads * Double(mla.vHeadDim) * h
            return query + keyValue + output
        }
        let d = Double(resolvedHeadDim)
        return h * nHeads * d + 2 * h * Double(kvHeads) * d + nHeads * d * h
    }

    /// Query·key and value widths per head (MLA: nope + rope for keys, v_head_dim for values).
    var attentionWidths: (qk: Double, v: Double) {
        if let mla { return (Double(mla.qkNopeHeadDim) + Double(mla.qkRopeHeadDim), Double(mla.vHeadDim)) }
        return (Double(resolvedHeadDim), Double(resolvedHeadDim))
    }

    /// Forward FLOPs per token of the attention score and value products at sequence length `context`:
    /// 2·layers·context·heads·(d_qk + d_v), halved for causal masking (Kaplan et al. 2020's 2·n_layer·n_ctx·d_attn
    /// for standard attention).
    public func attentionForwardFLOPsPerToken(context: Int, causal: Bool = true) -> Double {
        let (qk, v) = attentionWidths
        return 2 * Double(layers) * Double(context) * Double(heads) * (qk + v) * (causal ? 0.5 : 1)
    }

    /// Bytes of KV cache per token: MHA/GQA store K and V for each KV head; MLA stores the compressed latent and
    /// the decoupled RoPE key (DeepSeek-V2 paper, §2.1.2).
    public func kvCacheBytesPerToken(bytesPerValue: Double) -> Double {
        if let mla { return Double(layers) * (Double(mla.kvLoraRank) + Double(mla.qkRopeHeadDim)) * bytesPerValue }
        return 2 * Double(layers) * Double(kvHeads) * Double(resolvedHeadDim) * bytesPerValue
    }
}
