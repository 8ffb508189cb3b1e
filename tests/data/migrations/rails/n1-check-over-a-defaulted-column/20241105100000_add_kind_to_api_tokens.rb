class AddKindToAPITokens < ActiveRecord::Migration[7.1]
  def change
    add_column :api_tokens, :kind, :string, default: "teacher"
    change_column_null :api_tokens, :owner_id, true

    add_check_constraint(
      :api_tokens,
      "(owner_id IS NOT NULL AND kind = 'owner') OR (owner_id IS NULL AND kind <> 'owner')",
    )
  end
end
