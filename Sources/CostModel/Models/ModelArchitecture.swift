public import HardwareCatalog

/// A transformer described by its hyper-parameters; parameter counts are derived from these, not stored.
public struct ModelArchitecture: Codable, Sendable, Equatable, CatalogEntry {
    /// Mixture-of-experts feed-forward layers (DeepSeekMoE layout: shared + routed experts, SwiGLU each).
    public struct MixtureOfExperts: Codable, Sendable, Equatable {
        public var routedExperts: Int
        public var sharedExperts: Int
        /// Routed experts active per token.
        public var activeExperts: Int
        /// Intermediate size of one expert.
        public var expertFFN: Int
        /// The first `denseLayers` layers use a dense FFN of size `ffn`.
        public var denseLayers: Int

        public init(routedExperts: Int, sharedExperts: Int, activeExperts: Int, expertFFN: Int, denseLayers: Int) {
            self.routedExperts = routedExperts
            self.sharedExperts = sharedExperts
            self.activeExperts = activeExperts
            self.expertFFN = expertFFN
            self.denseLayers = denseLayers
        }

        enum CodingKeys: String, CodingKey {
            case routedExperts = "routed_experts", sharedExperts = "shared_experts", activeExperts = "active_experts"
            case expertFFN = "expert_ffn", denseLayers = "dense_layers"
        }
    }

    /// Multi-head latent attention (DeepSeek-V2/V3): low-rank compressed queries and keys/values.
    public struct LatentAttention: Codable, Sendable, Equatable {
        public var qLoraRank: Int
        public var kvLoraRank: Int
        public var qkNopeHeadDim: Int
        public var qkRopeHeadDim: Int
        public var vHeadDim: Int

        public init(qLoraRank: Int, kvLoraRank: Int, qkNopeHeadDim: Int, qkRopeHeadDim: Int, vHeadDim: Int) {
            self.qLoraRank = qLoraRank
            self.kvLoraRank = kvLoraRank
            self.qkNopeHeadDim = qkNopeHeadDim
            self.qkRopeHeadDim = qkRopeHeadDim
            self.vHeadDim = vHeadDim
        }

        enum CodingKeys: String, CodingKey {
            case qLoraRank = "q_lora_rank", kvLoraRank = "kv_lora_rank", qkNopeHeadDim = "qk_nope_head_dim"
            case qkRopeHeadDim = "qk_rope_head_dim", vHeadDim = "v_head_dim"
        }
    }

    /// Figures the model's authors published, which the derived counts are checked against.
    public struct Published: Codable, Sendable, Equatable {
        public var totalParams: Double?
        public var activeParams: Double?
        public var source: String
        public var note: String?

        public init(totalParams: Double?, activeParams: Double?, source: String, note: String? = nil) {
            self.totalParams = totalParams
            self.activeParams = activeParams
            self.source = source
            self.note = note
        }

        enum CodingKeys: String, CodingKey {
            case totalParams = "total_params", activeParams = "active_params", source, note
        }
    }

    public var name: String
    public var aliases: [String]
    public var family: String?
    public var layers: Int
    public var hidden: Int
    public var heads: Int
    /// Key/value heads (GQA when fewer than `heads`; equal for MHA).
    public var kvHeads: Int
    /// Per-head dimension; hidden / heads unless given.
    public var headDim: Int?
    /// Dense FFN intermediate size (SwiGLU: three matrices).
    public var ffn: Int
    public var vocab: Int
    public var tiedEmbeddings: Bool
    /// Sequence length used in pre-training (for the attention term).
    public var context: Int
    public var moe: MixtureOfExperts?
    public var mla: LatentAttention?
    /// Multi-token-prediction modules (DeepSeek-V3: 1).
    public var mtpDepth: Int
    public var published: Published?

    public init(
        name: String, aliases: [String] = [], family: String? = nil, layers: Int, hidden: Int, heads: Int,
        kvHeads: Int? = nil, headDim: Int? = nil, ffn: Int, vocab: Int, tiedEmbeddings: Bool = false,
        context: Int = 4096, moe: MixtureOfExperts? = nil, mla: LatentAttention? = nil, mtpDepth: Int = 0,
        published: Published? = nil
    ) {
        self.name = name
        self.aliases = aliases
        self.family = family
        self.layers = layers
        self.hidden = hidden
        self.heads = heads
        self.kvHeads = kvHeads ?? heads
        self.headDim = headDim
        self.ffn = ffn
        self.vocab = vocab
        self.tiedEmbeddings = tiedEmbeddings
        self.context = context
        self.moe = moe
        self.mla = mla
        self.mtpDepth = mtpDepth
        self.published = published
    }

    enum CodingKeys: String, CodingKey {
        case name, aliases, family, layers, hidden, heads, kvHeads = "kv_heads", headDim = "head_dim", ffn, vocab
        case tiedEmbeddings = "tied_embeddings", context, moe, mla, mtpDepth = "mtp_depth", published
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        family = try c.decodeIfPresent(String.self, forKey: .family)
        layers = try c.decode(Int.self, forKey: .layers)
        hidden = try c.decode(Int.self, forKey: .hidden)
        heads = try c.decode(Int.self, forKey: .heads)
        kvHeads = try c.decodeIfPresent(Int.self, forKey: .kvHeads) ?? heads
        headDim = try c.decodeIfPresent(Int.self, forKey: .headDim)
        ffn = try c.decode(Int.self, forKey: .ffn)
        vocab = try c.decode(Int.self, forKey: .vocab)
        tiedEmbeddings = try c.decodeIfPresent(Bool.self, forKey: .tiedEmbeddings) ?? false
        context = try c.decodeIfPresent(Int.self, forKey: .context) ?? 4096
        moe = try c.decodeIfPresent(MixtureOfExperts.self, forKey: .moe)
        mla = try c.decodeIfPresent(LatentAttention.self, forKey: .mla)
        mtpDepth = try c.decodeIfPresent(Int.self, forKey: .mtpDepth) ?? 0
        published = try c.decodeIfPresent(Published.self, forKey: .published)
    }

    public var spellings: [String] { [name] + aliases }

    /// "dense" or "moe".
    public var kind: String { moe == nil ? "dense" : "moe" }
    /// "MLA", "GQA" or "MHA".
    public var attentionKind: String { mla != nil ? "MLA" : (kvHeads < heads ? "GQA" : "MHA") }
    public var resolvedHeadDim: Int { headDim ?? hidden / max(heads, 1) }
}
