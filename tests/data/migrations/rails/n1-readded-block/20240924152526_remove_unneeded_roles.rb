class RemoveUnneededRoles < ActiveRecord::Migration[7.2]
  def change
    change_table :appropriate_body_roles, bulk: true do |t|
      t.remove :user_id
      t.remove :appropriate_body_id, type: :integer
      t.integer :user_id, null: false, index: true
      t.integer :appropriate_body_id, null: false, index: true
      t.integer :role_id, null: false
    end
  end
end
