class AddScopeToAPITokens < ActiveRecord::Migration[7.1]
  def change
    add_column :api_tokens, :scope, :string, default: "lead_provider"
    change_column_null :api_tokens, :lead_provider_id, true

    add_check_constraint(
      :api_tokens,
      "(lead_provider_id IS NOT NULL AND scope = 'lead_provider') OR (lead_provider_id IS NULL AND scope <> 'lead_provider')",
    )
  end
end
