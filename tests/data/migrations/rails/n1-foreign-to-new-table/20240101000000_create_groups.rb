class CreateGroups < ActiveRecord::Migration[7.1]
  def change
    create_table :groups do |t|
      t.string :name
    end
    add_foreign_key :users, :groups
    add_foreign_key :users, :teams
  end
end
